-- The span of the loaded orders: pages derive their default period from it. A scan of order_dates, so it
-- is kept per data version (src/lib/server/data-version.ts).
SELECT strftime(min(order_date), '%Y-%m-%d') AS first_order,
       strftime(max(order_date), '%Y-%m-%d') AS last_order
FROM order_lines
