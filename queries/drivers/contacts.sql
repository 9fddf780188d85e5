-- Breakdown source 2 of 3: the period's backorder-related contacts (DESIGN §3, as queries/ledger/
-- contacts.sql: keyword in reason or note, or about an order with a backordered line) per member, by team
-- and channel, with counts and minute sums so the assumptions price them in TypeScript.
-- This variant places each contact whole: on its customer (customer, segment, region, sales rep), its
-- month or its channel. Template tokens as in lines.sql; aliases: k = contact, c = its customer.
-- A contact's weight w is 1 here; contacts_split.sql splits contacts over products.
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
)
SELECT
    __ATTRIBUTED__ AS attributed,
    __MEMBER__ AS member,
    __MEMBER2__ AS member2,
    __LABEL__ AS label,
    k.team,
    k.channel,
    count(*)::DOUBLE AS contacts,
    count(*) FILTER (WHERE k.escalated)::DOUBLE AS escalated,
    coalesce(sum(k.minutes), 0)::DOUBLE AS minutes,
    count(*) FILTER (WHERE k.minutes IS NULL)::DOUBLE AS minutes_missing
FROM related k
LEFT JOIN customers c ON c.customer_id = k.customer_id
GROUP BY ALL
