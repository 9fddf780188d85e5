-- The most-cited loss reasons among deals lost to availability (derived.deal_lost_to_availability within the customer filters; an opportunity names no product, so product filters cannot reach it),
-- with the competitor most often named for each.
WITH deals AS (
    SELECT coalesce(nullif(trim(o.loss_reason), ''), '(no reason given)') AS reason, o.amount, o.competitor
    FROM opportunities o
    LEFT JOIN customers c ON c.customer_id = o.customer_id
    WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
      AND derived.customer_passes(c.segment, c.region, c.sales_rep, o.customer_id, $segment, $region, $sales_rep, $customer)
      AND derived.deal_lost_to_availability(o.outcome, o.loss_reason, o.note, $keyword_pattern)
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
