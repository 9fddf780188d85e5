-- Breakdown source 3 of 3: backorder-related opportunities lost or not bid, closed in the period, per
-- member (as queries/ledger/deals_lost.sql: keyword in loss_reason or note). An opportunity names a
-- customer, not a product, so product filters do not restrict it (as in the ledger) and product
-- dimensions cannot place it; a channel pick (contacts only) leaves none. Aliases: o, c = its customer.
WITH allowed_customers AS (
    SELECT customer_id FROM customers
    WHERE ($segment IS NOT NULL OR $region IS NOT NULL OR $sales_rep IS NOT NULL)
      AND ($segment IS NULL OR segment = $segment)
      AND ($region IS NULL OR region = $region)
      AND ($sales_rep IS NULL OR sales_rep = $sales_rep)
)
SELECT
    __ATTRIBUTED__ AS attributed,
    __MEMBER__ AS member,
    __MEMBER2__ AS member2,
    __LABEL__ AS label,
    count(*)::DOUBLE AS lost_deals,
    coalesce(sum(o.amount), 0)::DOUBLE AS lost_value
FROM opportunities o
LEFT JOIN customers c ON c.customer_id = o.customer_id
WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
  AND $channel IS NULL
  AND o.outcome IN ('lost', 'no_bid')
  AND (($segment IS NULL AND $region IS NULL AND $sales_rep IS NULL) OR o.customer_id IN (SELECT customer_id FROM allowed_customers))
  AND ($customer IS NULL OR o.customer_id = $customer)
  AND regexp_matches(coalesce(o.loss_reason, '') || chr(10) || coalesce(o.note, ''), $keyword_pattern)
GROUP BY ALL
