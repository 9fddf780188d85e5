-- How a contact about an order is shared out over products (DESIGN §4 "Scope under filters": product
-- filters reach a contact through its order). Per order that some contact names, one row per SKU of the
-- lines it is shared over — the order's backordered lines, or all its lines when none was backordered (a
-- keyword match about an order that shipped complete) — with that SKU's share w of the contact; the
-- shares of an order add up to 1. They are taken over the whole order, never within a filter, so the
-- parts of a contact over all suppliers (or categories, or SKUs) add up to the contact, counted once.
-- A contact whose order is not here (no order, or an order with no lines) cannot be placed on a product.
CREATE OR REPLACE TABLE derived.order_shares AS
WITH lines AS (
    SELECT ol.order_id, ol.sku, ol.qty_backordered > 0 AS backordered,
           bool_or(ol.qty_backordered > 0) OVER (PARTITION BY ol.order_id) AS any_backordered
    FROM order_lines ol
    WHERE ol.order_id IN (SELECT order_id FROM contacts WHERE order_id IS NOT NULL)
)
SELECT l.order_id, l.sku, p.category, p.supplier,
       (count(*) / sum(count(*)) OVER (PARTITION BY l.order_id))::DOUBLE AS w
FROM lines l
LEFT JOIN products p ON p.sku = l.sku
WHERE l.backordered OR NOT l.any_backordered
GROUP BY l.order_id, l.sku, p.category, p.supplier
ORDER BY l.order_id
