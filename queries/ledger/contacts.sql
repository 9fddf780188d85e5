-- Contacts of the period (contact_at on $from..$to, inclusive) grouped by team, channel and whether they
-- are backorder-related (DESIGN §3: keyword in reason or note, or about an order that has a backordered
-- line at any time). Counts and minute sums per channel, so costs are multiplied by the assumptions in
-- TypeScript and an edited assumption needs no new query. Grouped by month too, so the same rows give the
-- period's figures (summed) and the ledger's monthly trend.
-- Customer filters apply through the contact's customer; product filters through the contact's order
-- (a contact counts when its order has a line of a matching product; contacts without an order drop out).
-- Read from derived.contacts, which carries the customer's attributes and the backordered-order test,
-- and derived.contact_texts, so the keyword pattern runs once per distinct text, not once per contact.
WITH allowed_products AS (
    SELECT sku FROM products
    WHERE ($category IS NOT NULL OR $supplier IS NOT NULL)
      AND ($category IS NULL OR category = $category)
      AND ($supplier IS NULL OR supplier = $supplier)
),
product_orders AS (
    SELECT DISTINCT order_id FROM order_lines WHERE sku IN (SELECT sku FROM allowed_products)
),
period_contacts AS (
    SELECT strftime(k.contact_at, '%Y-%m-01') AS month,
           k.team, k.channel, k.bo_order, k.text_id, k.minutes, k.escalated, k.csat
    FROM derived.contacts k
    WHERE k.contact_at >= $from::DATE
      AND k.contact_at < $to::DATE + INTERVAL 1 DAY
      AND ($segment IS NULL OR k.segment = $segment)
      AND ($region IS NULL OR k.region = $region)
      AND ($sales_rep IS NULL OR k.sales_rep = $sales_rep)
      AND ($customer IS NULL OR k.customer_id = $customer)
      AND (($category IS NULL AND $supplier IS NULL)
           OR k.order_id IN (SELECT order_id FROM product_orders))
),
-- the keyword test, once per distinct text of the period's contacts
matched AS (
    SELECT t.text_id, regexp_matches(t.txt, $keyword_pattern) AS hit
    FROM derived.contact_texts t
    WHERE t.text_id IN (SELECT text_id FROM period_contacts WHERE NOT bo_order)
)
SELECT
    k.month,
    k.team,
    coalesce(k.channel, 'other') AS channel,
    (k.bo_order OR coalesce(m.hit, false))          AS backorder_related,
    count(*)::DOUBLE                                 AS contacts,
    count(*) FILTER (WHERE k.escalated)::DOUBLE      AS escalated,
    coalesce(sum(k.minutes), 0)::DOUBLE              AS minutes,
    count(*) FILTER (WHERE k.minutes IS NULL)::DOUBLE AS minutes_missing,
    coalesce(sum(k.csat), 0)::DOUBLE                 AS csat_sum,
    count(k.csat)::DOUBLE                            AS csat_count
FROM period_contacts k
LEFT JOIN matched m ON m.text_id = k.text_id
GROUP BY ALL
ORDER BY ALL
