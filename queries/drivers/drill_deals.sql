-- Drill-down: the deals lost to availability behind a breakdown figure (as deals.sql; none under a
-- product filter or a channel pick, which cannot reach them), each with its expected lost margin = amount · $win_rate · $gross_margin (the ledger's
-- rates for the filters), so the rows add up to the member's deals-lost figure. Searchable and paged as
-- drill_lines.sql.
-- The totals come from an aggregate joined to every row, not a window over (): DuckDB 1.5.5 can fail a
-- whole-partition window count on a filtered input with a fatal internal error that invalidates the database
-- (duckdb/duckdb#22846, #25713), and it did so in CI.
WITH o AS (
    SELECT __ATTRIBUTED__ AS attributed, __MEMBER__ AS member,
           o.opportunity_id, o.customer_id, c.name AS customer_name, o.created_date, o.closed_date, o.amount,
           o.outcome, o.loss_reason, o.competitor, o.note
    FROM derived.lost_deals($from, $to, $segment, $region, $sales_rep, $customer, $keyword_pattern) o
    LEFT JOIN customers c ON c.customer_id = o.customer_id
    WHERE derived.deals_in_scope($channel, $category, $supplier, $sku)
),
picked AS (
    -- the member asked for: $all (every row), or the unattributed rows ($unattributed), or one member
-- ($member; NULL = the members without a value)
    SELECT * FROM o
    WHERE ($all OR (NOT attributed AND $unattributed) OR (attributed AND NOT $unattributed AND member IS NOT DISTINCT FROM $member))
      AND ($q_pattern IS NULL OR concat_ws(' ', opportunity_id, customer_id, customer_name, loss_reason, competitor, note, outcome) ILIKE $q_pattern ESCAPE '\')
)
SELECT
    opportunity_id, customer_id, customer_name, strftime(created_date, '%Y-%m-%d') AS created_date,
    strftime(closed_date, '%Y-%m-%d') AS closed_date, outcome, amount::DOUBLE AS amount, loss_reason, competitor, note,
    (amount * $win_rate * $gross_margin)::DOUBLE AS expected_lost_margin,
    t.total_rows, t.total_cost, t.total_value
FROM picked
CROSS JOIN (
    SELECT count(*)::DOUBLE AS total_rows, sum(amount * $win_rate * $gross_margin)::DOUBLE AS total_cost,
           sum(amount)::DOUBLE AS total_value
    FROM picked
) t
ORDER BY expected_lost_margin DESC, closed_date, opportunity_id
LIMIT $limit OFFSET $offset
