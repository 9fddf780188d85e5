-- Deals lost to availability by month of closing: backorder-related (keyword in loss_reason or note)
-- opportunities lost or not bid, closed in $from..$to. Within the customer filters (derived.deal_lost_to_availability); product filters cannot reach a deal.
SELECT
    strftime(date_trunc('month', o.closed_date), '%Y-%m') AS month,
    count(*)::DOUBLE AS deals,
    coalesce(sum(o.amount), 0)::DOUBLE AS value
FROM opportunities o
LEFT JOIN customers c ON c.customer_id = o.customer_id
WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
  AND derived.customer_passes(c.segment, c.region, c.sales_rep, o.customer_id, $segment, $region, $sales_rep, $customer)
  AND derived.deal_lost_to_availability(o.outcome, o.loss_reason, o.note, $keyword_pattern)
GROUP BY ALL
ORDER BY month
