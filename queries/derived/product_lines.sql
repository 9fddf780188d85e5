-- The order lines again, with their product's category and supplier, stored in product order (category,
-- supplier, SKU) instead of date order. Under a product filter the queries that scan lines over many
-- months (the at-risk sums, the working capital's per-SKU demand, a SKU's ledger) read this through
-- derived.scoped_lines (queries/scope/row_macros.sql): the filter's rows then sit in a few row groups
-- that DuckDB reads alone (zone maps), where in order_lines they are spread over every row group.
-- The sort key is a number per product (ranked on the 20k-row products table), not the three texts:
-- at 10M lines that halves the build (6.9 s against 12.5 s measured).
CREATE OR REPLACE TABLE derived.product_lines AS
WITH ranked AS (
    SELECT sku, category, supplier, row_number() OVER (ORDER BY category, supplier, sku) AS product_rank
    FROM products
)
SELECT r.category, r.supplier, ol.sku, ol.order_date, ol.customer_id,
       ol.qty, ol.qty_cancelled, ol.qty_backordered, ol.unit_price,
       ol.backorder_filled_date, ol.promised_date, ol.ship_date
FROM order_lines ol
LEFT JOIN ranked r ON r.sku = ol.sku
ORDER BY r.product_rank
