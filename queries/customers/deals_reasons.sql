-- The most-cited loss reasons among deals lost to availability (selection as queries/ledger/deals_lost.sql),
-- with the competitor most often named for each.
WITH deals AS (
    SELECT coalesce(nullif(trim(o.loss_reason), ''), '(no reason given)') AS reason, o.amount, o.competitor
    FROM opportunities o
    LEFT JOIN customers c ON c.customer_id = o.customer_id
    WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
      AND o.outcome IN ('lost', 'no_bid')
      AND ($segment IS NULL OR c.segment = $segment)
      AND ($region IS NULL OR c.region = $region)
      AND regexp_matches(coalesce(o.loss_reason, '') || chr(10) || coalesce(o.note, ''), $keyword_pattern)
)
SELECT
    reason,
    count(*)::DOUBLE AS deals,
    coalesce(sum(amount), 0)::DOUBLE AS value,
    mode(competitor) AS top_competitor
FROM deals
GROUP BY reason
ORDER BY deals DESC, value DESC, reason
LIMIT 8
