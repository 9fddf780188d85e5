-- The backordered lines (qty_backordered > 0, ~6 % of all lines) with the filter attributes of their
-- customer and product, in order-date order: the backorder figures, open backorders and the "contact is
-- about a backordered order" test read these instead of scanning every line. Attributes are NULL when
-- the customer or SKU is not in customers/products, as in line_months.
CREATE OR REPLACE TABLE derived.bo_lines AS
SELECT
    ol.order_id, ol.customer_id, ol.sku, ol.order_date, ol.promised_date, ol.backorder_filled_date,
    ol.qty_backordered, ol.qty_cancelled, ol.unit_price,
    c.segment, c.region, c.sales_rep, p.category, p.supplier
FROM order_lines ol
LEFT JOIN customers c ON c.customer_id = ol.customer_id
LEFT JOIN products p ON p.sku = ol.sku
WHERE ol.qty_backordered > 0
ORDER BY ol.order_date
