-- The deals lost to availability (derived.deal_lost_to_availability within the customer filters; an opportunity names no product, so product filters cannot reach it), newest first, one page:
-- $limit rows from $offset, with the total count on every row.
-- The totals come from an aggregate joined to every row, not a window over (): DuckDB 1.5.5 can fail a
-- whole-partition window count on a filtered input with a fatal internal error that invalidates the database
-- (duckdb/duckdb#22846, #25713), and it did so in CI.
SELECT
    o.opportunity_id,
    o.customer_id,
    c.name,
    strftime(o.closed_date, '%Y-%m-%d') AS closed_date,
    o.amount::DOUBLE AS amount,
    o.outcome,
    o.loss_reason,
    o.competitor,
    o.note,
    t.total
FROM derived.lost_deals($from, $to, $segment, $region, $sales_rep, $customer, $keyword_pattern) o
LEFT JOIN customers c ON c.customer_id = o.customer_id
CROSS JOIN (SELECT count(*)::DOUBLE AS total FROM derived.lost_deals($from, $to, $segment, $region, $sales_rep, $customer, $keyword_pattern)) t
ORDER BY o.closed_date DESC, o.amount DESC, o.opportunity_id
LIMIT $limit OFFSET $offset
