-- The at-risk candidates (queries/customers/at_risk.sql) written plainly over the canonical tables: the
-- same windows and sums, with the filters and DESIGN §3 spelled out instead of the scope macros and
-- derived.contacts.
WITH bounds AS (
    SELECT
        $to::DATE AS t_end,
        ($to::DATE - INTERVAL 3 MONTH)::DATE AS recent_start,
        ($to::DATE - INTERVAL 6 MONTH)::DATE AS exposure_start,
        greatest(($to::DATE - INTERVAL 15 MONTH)::DATE,
                 (SELECT min(order_date) FROM order_lines) - 1) AS history_start
),
lines AS (
    SELECT ol.*
    FROM order_lines ol, bounds b
    WHERE ol.order_date > b.history_start AND ol.order_date <= b.t_end
      AND ($customer IS NULL OR ol.customer_id = $customer)
      AND (($segment IS NULL AND $region IS NULL AND $sales_rep IS NULL)
           OR ol.customer_id IN (SELECT c2.customer_id FROM customers c2
                                 WHERE ($segment IS NULL OR c2.segment = $segment)
                                   AND ($region IS NULL OR c2.region = $region)
                                   AND ($sales_rep IS NULL OR c2.sales_rep = $sales_rep)))
      AND (($sku IS NULL OR ol.sku = $sku)
           AND (($category IS NULL AND $supplier IS NULL)
                OR ol.sku IN (SELECT p2.sku FROM products p2 WHERE ($category IS NULL OR p2.category = $category) AND ($supplier IS NULL OR p2.supplier = $supplier))))
),
per_customer AS (
    SELECT
        l.customer_id,
        sum((l.qty - coalesce(l.qty_cancelled, 0)) * l.unit_price) FILTER (WHERE l.order_date <= b.recent_start) AS history_spend,
        sum((l.qty - coalesce(l.qty_cancelled, 0)) * l.unit_price) FILTER (WHERE l.order_date > b.recent_start) AS recent_spend,
        sum(l.qty * l.unit_price) FILTER (WHERE l.order_date > b.exposure_start) AS exposure_value,
        sum(l.qty_backordered * l.unit_price) FILTER (WHERE l.order_date > b.exposure_start) AS exposure_backordered_value,
        count(*) FILTER (WHERE l.order_date > b.exposure_start) AS exposure_lines,
        count(*) FILTER (WHERE l.order_date > b.exposure_start AND l.qty_backordered > 0) AS exposure_backordered_lines,
        max(l.order_date) FILTER (WHERE l.qty_backordered > 0) AS last_incident
    FROM lines l, bounds b
    GROUP BY l.customer_id
    HAVING count(*) FILTER (WHERE l.order_date > b.exposure_start AND l.qty_backordered > 0) > 0
),
open_bo AS (
    SELECT ol.customer_id,
           count(*) AS open_backorders,
           sum((ol.qty_backordered - coalesce(ol.qty_cancelled, 0)) * ol.unit_price) AS open_value
    FROM order_lines ol, bounds b
    WHERE ol.qty_backordered > coalesce(ol.qty_cancelled, 0)
      AND ol.order_date <= b.t_end
      AND (ol.backorder_filled_date IS NULL OR ol.backorder_filled_date > b.t_end)
      AND ol.customer_id IN (SELECT customer_id FROM per_customer)
      AND (($sku IS NULL OR ol.sku = $sku)
           AND (($category IS NULL AND $supplier IS NULL)
                OR ol.sku IN (SELECT p2.sku FROM products p2 WHERE ($category IS NULL OR p2.category = $category) AND ($supplier IS NULL OR p2.supplier = $supplier))))
    GROUP BY ol.customer_id
),
bo_contacts AS (
    SELECT k.customer_id,
           count(*) AS contacts,
           count(*) FILTER (WHERE k.escalated) AS escalations
    FROM contacts k
    CROSS JOIN bounds b
    WHERE k.contact_at >= b.exposure_start + 1
      AND k.contact_at < b.t_end + INTERVAL 1 DAY
      AND k.customer_id IN (SELECT customer_id FROM per_customer)
      AND (k.order_id IN (SELECT order_id FROM order_lines WHERE qty_backordered > 0)
           OR regexp_matches(coalesce(k.reason, '') || chr(10) || coalesce(k.note, ''), $keyword_pattern))
    GROUP BY k.customer_id
)
SELECT
    p.customer_id,
    c.name, c.segment, c.region, c.sales_rep,
    coalesce(p.history_spend, 0)::DOUBLE AS history_spend,
    greatest(0, date_diff('day', b.history_start, b.recent_start))::DOUBLE AS history_days,
    coalesce(p.recent_spend, 0)::DOUBLE AS recent_spend,
    date_diff('day', b.recent_start, b.t_end)::DOUBLE AS recent_days,
    coalesce(p.exposure_value, 0)::DOUBLE AS exposure_value,
    coalesce(p.exposure_backordered_value, 0)::DOUBLE AS exposure_backordered_value,
    p.exposure_lines::DOUBLE AS exposure_lines,
    p.exposure_backordered_lines::DOUBLE AS exposure_backordered_lines,
    strftime(p.last_incident, '%Y-%m-%d') AS last_incident,
    coalesce(o.open_backorders, 0)::DOUBLE AS open_backorders,
    coalesce(o.open_value, 0)::DOUBLE AS open_value,
    coalesce(k.contacts, 0)::DOUBLE AS contacts,
    coalesce(k.escalations, 0)::DOUBLE AS escalations
FROM per_customer p
CROSS JOIN bounds b
LEFT JOIN customers c ON c.customer_id = p.customer_id
LEFT JOIN open_bo o ON o.customer_id = p.customer_id
LEFT JOIN bo_contacts k ON k.customer_id = p.customer_id
