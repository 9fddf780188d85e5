-- The most-cited loss reasons among deals lost to availability (derived.deal_lost_to_availability within the customer filters; an opportunity names no product, so product filters cannot reach it),
-- with the competitor most often named for each.
WITH deals AS (
    SELECT coalesce(nullif(trim(o.loss_reason), ''), '(no reason given)') AS reason, o.amount, o.competitor
    FROM derived.lost_deals($from, $to, $segment, $region, $sales_rep, $customer, $keyword_pattern) o
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
