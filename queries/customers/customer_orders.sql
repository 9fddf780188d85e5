-- One customer's orders over all data, one row per order: value, spend net of cancellations, and how its
-- backordered lines resolved (open = some backordered quantity neither filled nor cancelled). The page's
-- header sums these (lines, backordered lines, first order = least order_date, last order = greatest
-- last_date), so the customer's lines are scanned once.
SELECT
    order_id,
    strftime(min(order_date), '%Y-%m-%d') AS order_date,
    strftime(max(order_date), '%Y-%m-%d') AS last_date,
    count(*)::DOUBLE AS lines,
    sum(qty * unit_price)::DOUBLE AS ordered_value,
    sum((qty - coalesce(qty_cancelled, 0)) * unit_price)::DOUBLE AS spend,
    count(*) FILTER (WHERE qty_backordered > 0)::DOUBLE AS backordered_lines,
    coalesce(sum(qty_backordered * unit_price), 0)::DOUBLE AS backordered_value,
    count(*) FILTER (WHERE qty_backordered > coalesce(qty_cancelled, 0) AND backorder_filled_date IS NULL)::DOUBLE AS open_lines,
    count(*) FILTER (WHERE qty_backordered > 0 AND coalesce(qty_cancelled, 0) >= qty_backordered)::DOUBLE AS cancelled_lines,
    strftime(max(backorder_filled_date) FILTER (WHERE qty_backordered > 0), '%Y-%m-%d') AS last_filled
FROM order_lines
WHERE customer_id = $id
GROUP BY order_id
ORDER BY order_date, order_id
