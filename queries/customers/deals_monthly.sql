-- Deals lost to availability by month of closing: backorder-related (keyword in loss_reason or note)
-- opportunities lost or not bid, closed in $from..$to. Same selection as queries/ledger/deals_lost.sql.
SELECT
    strftime(date_trunc('month', o.closed_date), '%Y-%m') AS month,
    count(*)::DOUBLE AS deals,
    coalesce(sum(o.amount), 0)::DOUBLE AS value
FROM opportunities o
LEFT JOIN customers c ON c.customer_id = o.customer_id
WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
  AND o.outcome IN ('lost', 'no_bid')
  AND ($segment IS NULL OR c.segment = $segment)
  AND ($region IS NULL OR c.region = $region)
  AND regexp_matches(coalesce(o.loss_reason, '') || chr(10) || coalesce(o.note, ''), $keyword_pattern)
GROUP BY ALL
ORDER BY month
