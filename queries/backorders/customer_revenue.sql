-- Every customer's revenue over the 12 months to $to (Σ (qty − qty_cancelled)·unit_price, every product):
-- what the wallet term and the priority saving put at stake. Unfiltered and bound only to $to, so one
-- result per data version and period end serves every filter set (src/lib/server/backorders/rows.ts).
SELECT ol.customer_id, sum((ol.qty - coalesce(ol.qty_cancelled, 0)) * ol.unit_price)::DOUBLE AS revenue_12m
FROM order_lines ol
WHERE ol.order_date > $to::DATE - INTERVAL 12 MONTH
  AND ol.order_date <= $to::DATE
GROUP BY ol.customer_id
