-- What prioritising would have saved: the period's filled backorders (order_date in $from..$to, some
-- quantity not cancelled, a backorder_filled_date), per SKU in order-date order, with the attributes the
-- filters read; their customers' revenue is customer_revenue.sql's. Not filtered: every SKU's fill dates
-- are re-assigned over all its lines, and a filter then takes its lines' part of that one counterfactual
-- (src/lib/server/backorders/saving.ts), so the slices of any filter add up to the whole.
-- customer_lines counts the customer's such lines: its revenue is shared over them.
WITH lines AS (
    SELECT b.order_id, b.customer_id, b.sku, b.order_date, b.backorder_filled_date,
           (b.qty_backordered - coalesce(b.qty_cancelled, 0))::DOUBLE AS qty_open,
           b.segment, b.region, b.sales_rep, b.category, b.supplier
    FROM derived.bo_lines b
    WHERE b.order_date BETWEEN $from::DATE AND $to::DATE
      AND b.qty_backordered > coalesce(b.qty_cancelled, 0)
      AND b.backorder_filled_date IS NOT NULL
)
SELECT l.* EXCLUDE (order_date, backorder_filled_date),
       strftime(l.order_date, '%Y-%m-%d') AS order_date,
       strftime(l.backorder_filled_date, '%Y-%m-%d') AS filled_date,
       count(*) OVER (PARTITION BY l.customer_id)::DOUBLE AS customer_lines
FROM lines l
ORDER BY l.sku, l.order_date, l.order_id
