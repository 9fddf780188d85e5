-- The cost drivers' contacts source (queries/drivers/contacts.sql over derived.scoped_contacts) written
-- plainly over the canonical tables: the period's backorder-related contacts (DESIGN §3: a keyword in the
-- reason or note, or an order with a backordered line) within the customer filters, per member of one
-- dimension ($dim). A product dimension or filter places a contact on the SKUs of its order — its
-- backordered lines, or all its lines when none was backordered, in equal shares — and a contact no
-- order line can place comes whole with placed = false (under a product filter: in_scope = false).
WITH backordered_orders AS (
    SELECT DISTINCT order_id FROM order_lines WHERE qty_backordered > 0
),
lines_of AS (
    SELECT ol.order_id, ol.sku, ol.qty_backordered > 0 AS backordered,
           bool_or(ol.qty_backordered > 0) OVER (PARTITION BY ol.order_id) AS any_backordered
    FROM order_lines ol
),
shares AS (
    SELECT l.order_id, l.sku, p.category, p.supplier, 1.0 / count(*) OVER (PARTITION BY l.order_id) AS w
    FROM lines_of l LEFT JOIN products p ON p.sku = l.sku
    WHERE l.backordered OR NOT l.any_backordered
),
-- shares of one order's lines on the same SKU add up (the derived table keeps one row per SKU)
sku_shares AS (
    SELECT order_id, sku, any_value(category) AS category, any_value(supplier) AS supplier, sum(w) AS w
    FROM shares GROUP BY order_id, sku
),
settings AS (
    SELECT ($category IS NOT NULL OR $supplier IS NOT NULL OR $sku IS NOT NULL) AS product_filter,
           ($dim IN ('sku', 'category', 'supplier')) AS product_dim
),
related AS (
    SELECT k.*, c.segment, c.region, c.sales_rep, coalesce(k.channel, 'other') AS ch
    FROM contacts k
    LEFT JOIN customers c ON c.customer_id = k.customer_id
    LEFT JOIN backordered_orders bo ON bo.order_id = k.order_id
    WHERE k.contact_at >= $from::DATE AND k.contact_at < $to::DATE + INTERVAL 1 DAY
      AND ($segment IS NULL OR c.segment = $segment)
      AND ($region IS NULL OR c.region = $region)
      AND ($sales_rep IS NULL OR c.sales_rep = $sales_rep)
      AND ($customer IS NULL OR k.customer_id = $customer)
      AND (bo.order_id IS NOT NULL
           OR regexp_matches(coalesce(k.reason, '') || chr(10) || coalesce(k.note, ''), $keyword_pattern))
),
placed AS (
    SELECT r.*, s.sku AS line_sku, s.category AS line_category, s.supplier AS line_supplier, s.w, true AS placed, true AS in_scope
    FROM related r CROSS JOIN settings st
    JOIN sku_shares s ON s.order_id = r.order_id
    WHERE (st.product_filter OR st.product_dim)
      AND ($category IS NULL OR s.category = $category)
      AND ($supplier IS NULL OR s.supplier = $supplier)
      AND ($sku IS NULL OR s.sku = $sku)
    UNION ALL
    SELECT r.*, NULL, NULL, NULL, 1.0, false, NOT st.product_filter
    FROM related r CROSS JOIN settings st
    WHERE NOT (st.product_filter OR st.product_dim)
       OR r.order_id IS NULL OR r.order_id NOT IN (SELECT order_id FROM sku_shares)
)
SELECT
    CASE WHEN $dim IN ('sku', 'category', 'supplier') AND NOT k.placed THEN NULL
         ELSE CASE $dim WHEN 'segment' THEN k.segment WHEN 'region' THEN k.region WHEN 'sales_rep' THEN k.sales_rep
                        WHEN 'customer' THEN k.customer_id WHEN 'channel' THEN k.ch WHEN 'month' THEN strftime(k.contact_at, '%Y-%m')
                        WHEN 'sku' THEN k.line_sku WHEN 'category' THEN k.line_category WHEN 'supplier' THEN k.line_supplier END
    END AS member,
    ($dim NOT IN ('sku', 'category', 'supplier') OR k.placed) AS attributed,
    k.in_scope, k.team, k.ch AS channel,
    sum(k.w)::DOUBLE AS contacts,
    coalesce(sum(k.w) FILTER (WHERE coalesce(k.escalated, false)), 0)::DOUBLE AS escalated,
    coalesce(sum(k.w * k.minutes), 0)::DOUBLE AS minutes,
    coalesce(sum(k.w) FILTER (WHERE k.minutes IS NULL), 0)::DOUBLE AS minutes_missing
FROM placed k
GROUP BY ALL
