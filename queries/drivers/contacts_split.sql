-- Breakdown source 2 of 3, by product (SKU, category, supplier): the backorder-related contacts of
-- contacts.sql, each split equally over the lines of the order it is about — the order's backordered
-- lines (within the product filters), or, when none of those is backordered (a keyword match about an
-- order that shipped complete), all its lines within the filters. A contact without an order, or whose
-- order has no such line, cannot be placed on a product: it stays whole with attributed = false.
-- Weights w of a contact sum to 1, so the members' contacts and costs add up to the ledger's.
-- Aliases: k = contact (k.line_sku = the line's SKU, NULL when unplaced), p = that product, c = customer.
WITH backordered_orders AS (
    SELECT DISTINCT order_id FROM order_lines WHERE qty_backordered > 0
),
allowed_customers AS (
    SELECT customer_id FROM customers
    WHERE ($segment IS NOT NULL OR $region IS NOT NULL OR $sales_rep IS NOT NULL)
      AND ($segment IS NULL OR segment = $segment)
      AND ($region IS NULL OR region = $region)
      AND ($sales_rep IS NULL OR sales_rep = $sales_rep)
),
allowed_products AS (
    SELECT sku FROM products
    WHERE ($category IS NOT NULL OR $supplier IS NOT NULL OR $sku IS NOT NULL)
      AND ($category IS NULL OR category = $category)
      AND ($supplier IS NULL OR supplier = $supplier)
      AND ($sku IS NULL OR sku = $sku)
),
product_orders AS (
    SELECT DISTINCT order_id FROM order_lines WHERE sku IN (SELECT sku FROM allowed_products)
),
related AS (
    SELECT k.contact_id, k.customer_id, k.contact_at, k.team, coalesce(k.channel, 'other') AS channel,
           k.order_id, k.minutes, k.escalated
    FROM contacts k
    LEFT JOIN backordered_orders bo ON bo.order_id = k.order_id
    WHERE k.contact_at >= $from::DATE
      AND k.contact_at < $to::DATE + INTERVAL 1 DAY
      AND ($channel IS NULL OR coalesce(k.channel, 'other') = $channel)
      AND (($segment IS NULL AND $region IS NULL AND $sales_rep IS NULL) OR k.customer_id IN (SELECT customer_id FROM allowed_customers))
      AND ($customer IS NULL OR k.customer_id = $customer)
      AND (($category IS NULL AND $supplier IS NULL AND $sku IS NULL) OR k.order_id IN (SELECT order_id FROM product_orders))
      AND CASE WHEN bo.order_id IS NOT NULL THEN true
               ELSE regexp_matches(coalesce(k.reason, '') || chr(10) || coalesce(k.note, ''), $keyword_pattern) END
),
order_lines_of AS (
    SELECT r.contact_id, ol.sku, ol.qty_backordered > 0 AS backordered,
           bool_or(ol.qty_backordered > 0) OVER (PARTITION BY r.contact_id) AS any_backordered
    FROM related r
    JOIN order_lines ol ON ol.order_id = r.order_id
    WHERE ($category IS NULL AND $supplier IS NULL AND $sku IS NULL) OR ol.sku IN (SELECT sku FROM allowed_products)
),
shares AS (
    SELECT contact_id, sku, 1.0 / count(*) OVER (PARTITION BY contact_id) AS w
    FROM order_lines_of
    WHERE backordered OR NOT any_backordered
),
k AS (
    SELECT r.*, s.sku AS line_sku, coalesce(s.w, 1.0)::DOUBLE AS w
    FROM related r
    LEFT JOIN shares s ON s.contact_id = r.contact_id
)
SELECT
    __ATTRIBUTED__ AS attributed,
    __MEMBER__ AS member,
    __MEMBER2__ AS member2,
    __LABEL__ AS label,
    k.team,
    k.channel,
    sum(k.w)::DOUBLE AS contacts,
    coalesce(sum(k.w) FILTER (WHERE k.escalated), 0)::DOUBLE AS escalated,
    coalesce(sum(k.w * k.minutes), 0)::DOUBLE AS minutes,
    coalesce(sum(k.w) FILTER (WHERE k.minutes IS NULL), 0)::DOUBLE AS minutes_missing
FROM k
LEFT JOIN products p ON p.sku = k.line_sku
LEFT JOIN customers c ON c.customer_id = k.customer_id
GROUP BY ALL
