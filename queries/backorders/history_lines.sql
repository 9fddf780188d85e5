-- What prioritising would have saved: the period's filled backorders (order_date in $from..$to, some
-- quantity not cancelled, a backorder_filled_date), per SKU in order-date order; their customers' revenue
-- is customer_revenue.sql's. Their fill dates are re-assigned in TypeScript
-- (src/lib/backorders/counterfactual.ts). Filters apply as on the open lines; a SKU's lines are only
-- re-assigned among themselves, so a product filter takes whole SKUs.
-- customer_lines counts the customer's such lines over every product: its revenue is shared over them.
WITH all_lines AS (
    SELECT b.customer_id, count(*)::DOUBLE AS customer_lines
    FROM derived.bo_lines b
    WHERE b.order_date BETWEEN $from::DATE AND $to::DATE
      AND b.qty_backordered > coalesce(b.qty_cancelled, 0)
      AND b.backorder_filled_date IS NOT NULL
    GROUP BY b.customer_id
),
lines AS (
    SELECT b.order_id, b.customer_id, b.sku, b.order_date, b.backorder_filled_date,
           (b.qty_backordered - coalesce(b.qty_cancelled, 0))::DOUBLE AS qty_open, b.segment, b.supplier
    FROM derived.bo_lines b
    WHERE b.order_date BETWEEN $from::DATE AND $to::DATE
      AND b.qty_backordered > coalesce(b.qty_cancelled, 0)
      AND b.backorder_filled_date IS NOT NULL
      AND derived.customer_passes(b.segment, b.region, b.sales_rep, b.customer_id, $segment, $region, $sales_rep, $customer)
      AND derived.product_passes(b.category, b.supplier, b.sku, $category, $supplier, $sku)
)
SELECT l.order_id, l.customer_id, l.sku, l.qty_open, l.segment, l.supplier,
       strftime(l.order_date, '%Y-%m-%d') AS order_date,
       strftime(l.backorder_filled_date, '%Y-%m-%d') AS filled_date,
       a.customer_lines
FROM lines l
JOIN all_lines a ON a.customer_id = l.customer_id
ORDER BY l.sku, l.order_date, l.order_id
