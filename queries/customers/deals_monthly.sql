-- Deals lost to availability by month of closing: backorder-related (keyword in loss_reason or note)
-- opportunities lost or not bid, closed in $from..$to. Within the customer filters (derived.deal_lost_to_availability); product filters cannot reach a deal.
SELECT
    strftime(date_trunc('month', o.closed_date), '%Y-%m') AS month,
    count(*)::DOUBLE AS deals,
    coalesce(sum(o.amount), 0)::DOUBLE AS value
FROM derived.lost_deals($from, $to, $segment, $region, $sales_rep, $customer, $keyword_pattern) o
LEFT JOIN customers c ON c.customer_id = o.customer_id
GROUP BY ALL
ORDER BY month
