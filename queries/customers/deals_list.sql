-- The deals lost to availability (derived.deal_lost_to_availability within the customer filters; an opportunity names no product, so product filters cannot reach it), newest first, one page:
-- $limit rows from $offset, with the total count on every row.
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
    count(*) OVER ()::DOUBLE AS total
FROM opportunities o
LEFT JOIN customers c ON c.customer_id = o.customer_id
WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
  AND derived.customer_passes(c.segment, c.region, c.sales_rep, o.customer_id, $segment, $region, $sales_rep, $customer)
  AND derived.deal_lost_to_availability(o.outcome, o.loss_reason, o.note, $keyword_pattern)
ORDER BY o.closed_date DESC, o.amount DESC, o.opportunity_id
LIMIT $limit OFFSET $offset
