-- Every customer's revenue by order month, over all products: the share-of-wallet panel
-- (queries/wallet/customer_months.sql) reads these ~1.8M rows at 10M lines instead of grouping the lines
-- again when no product filter is set — the panel every first answer waits for.
CREATE OR REPLACE TABLE derived.customer_months AS
SELECT customer_id,
       (year(order_date) * 12 + month(order_date) - 1)::INTEGER AS m,
       sum((qty - coalesce(qty_cancelled, 0)) * unit_price) AS revenue
FROM order_lines
GROUP BY ALL
