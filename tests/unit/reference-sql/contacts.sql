-- Contacts of the period (contact_at on $from..$to, inclusive) grouped by team, channel and whether they
-- are backorder-related (DESIGN §3: keyword in reason or note, or about an order that has a backordered
-- line at any time), written plainly over the canonical tables.
-- Customer filters apply through the contact's customer. Product filters through the contact's order:
-- the contact is shared equally over its order's backordered lines (all its lines when none is
-- backordered) and counts with the share of those lines whose product passes; a contact with no such
-- line comes back with in_scope = false and weight 1 (not attributable to a product filter).
WITH backordered_orders AS (
    SELECT DISTINCT order_id FROM order_lines WHERE qty_backordered > 0
),
product_set AS (SELECT ($category IS NOT NULL OR $supplier IS NOT NULL OR $sku IS NOT NULL) AS on),
order_lines_of AS (
    SELECT ol.order_id, ol.sku, ol.qty_backordered > 0 AS backordered,
           bool_or(ol.qty_backordered > 0) OVER (PARTITION BY ol.order_id) AS any_backordered
    FROM order_lines ol
),
shared AS (
    SELECT o.order_id, p.category, p.supplier, o.sku, 1.0 / count(*) OVER (PARTITION BY o.order_id) AS w
    FROM order_lines_of o LEFT JOIN products p ON p.sku = o.sku
    WHERE o.backordered OR NOT o.any_backordered
),
order_weight AS (
    SELECT order_id,
           sum(w) FILTER (WHERE ($category IS NULL OR category = $category)
                            AND ($supplier IS NULL OR supplier = $supplier)
                            AND ($sku IS NULL OR sku = $sku)) AS w
    FROM shared GROUP BY order_id
),
period_contacts AS (
    SELECT strftime(k.contact_at, '%Y-%m-01') AS month,
           k.team, k.channel, k.reason, k.note, k.order_id, k.minutes, k.escalated, k.csat,
           (NOT ps.on OR ow.order_id IS NOT NULL) AS in_scope,
           CASE WHEN NOT ps.on OR ow.order_id IS NULL THEN 1.0 ELSE coalesce(ow.w, 0) END AS w
    FROM contacts k
    CROSS JOIN product_set ps
    LEFT JOIN customers c ON c.customer_id = k.customer_id
    LEFT JOIN order_weight ow ON ow.order_id = k.order_id
    WHERE k.contact_at >= $from::DATE
      AND k.contact_at < $to::DATE + INTERVAL 1 DAY
      AND ($segment IS NULL OR c.segment = $segment)
      AND ($region IS NULL OR c.region = $region)
      AND ($sales_rep IS NULL OR c.sales_rep = $sales_rep)
      AND ($customer IS NULL OR k.customer_id = $customer)
)
SELECT
    k.month,
    k.team,
    coalesce(k.channel, 'other') AS channel,
    CASE WHEN bo.order_id IS NOT NULL THEN true
         ELSE regexp_matches(coalesce(k.reason, '') || chr(10) || coalesce(k.note, ''), $keyword_pattern) END AS backorder_related,
    k.in_scope,
    sum(k.w)::DOUBLE                                          AS contacts,
    coalesce(sum(k.w) FILTER (WHERE k.escalated), 0)::DOUBLE  AS escalated,
    coalesce(sum(k.w * k.minutes), 0)::DOUBLE                 AS minutes,
    coalesce(sum(k.w) FILTER (WHERE k.minutes IS NULL), 0)::DOUBLE AS minutes_missing,
    coalesce(sum(k.w * k.csat), 0)::DOUBLE                    AS csat_sum,
    coalesce(sum(k.w) FILTER (WHERE k.csat IS NOT NULL), 0)::DOUBLE AS csat_count
FROM period_contacts k
LEFT JOIN backordered_orders bo ON bo.order_id = k.order_id
WHERE k.w > 0
GROUP BY ALL
ORDER BY ALL
