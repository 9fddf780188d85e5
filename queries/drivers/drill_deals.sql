-- Drill-down: the backorder-related opportunities lost or not bid behind a breakdown figure (as
-- deals.sql), each with its expected lost margin = amount · $win_rate · $gross_margin (the ledger's
-- rates for the filters), so the rows add up to the member's deals-lost figure. Searchable and paged as
-- drill_lines.sql.
WITH allowed_customers AS (
    SELECT customer_id FROM customers
    WHERE ($segment IS NOT NULL OR $region IS NOT NULL OR $sales_rep IS NOT NULL)
      AND ($segment IS NULL OR segment = $segment)
      AND ($region IS NULL OR region = $region)
      AND ($sales_rep IS NULL OR sales_rep = $sales_rep)
),
o AS (
    SELECT __ATTRIBUTED__ AS attributed, __MEMBER__ AS member,
           o.opportunity_id, o.customer_id, c.name AS customer_name, o.created_date, o.closed_date, o.amount,
           o.outcome, o.loss_reason, o.competitor, o.note
    FROM opportunities o
    LEFT JOIN customers c ON c.customer_id = o.customer_id
    WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
      AND $channel IS NULL
      AND o.outcome IN ('lost', 'no_bid')
      AND (($segment IS NULL AND $region IS NULL AND $sales_rep IS NULL) OR o.customer_id IN (SELECT customer_id FROM allowed_customers))
      AND ($customer IS NULL OR o.customer_id = $customer)
      AND regexp_matches(coalesce(o.loss_reason, '') || chr(10) || coalesce(o.note, ''), $keyword_pattern)
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
    count(*) OVER ()::DOUBLE AS total_rows,
    sum(amount * $win_rate * $gross_margin) OVER ()::DOUBLE AS total_cost,
    sum(amount) OVER ()::DOUBLE AS total_value
FROM picked
ORDER BY expected_lost_margin DESC, closed_date, opportunity_id
LIMIT $limit OFFSET $offset
