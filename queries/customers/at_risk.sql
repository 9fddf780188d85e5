-- At-risk candidates as of the period's last day ($to): one row of sums per customer with a backordered
-- line in the exposure window (the last 6 months). src/lib/customers/risk.ts scores and ranks them.
-- Windows: history (to − 15 months, to − 3 months] cut to the data's first day; recent (to − 3 months, to];
-- exposure (to − 6 months, to]. Spend = Σ (qty − qty_cancelled)·unit_price. Customer filters apply through
-- the customer, product filters through the line's product (spend, exposure and open backorders alike).
-- Contacts: backorder-related (DESIGN §3) contacts in the exposure window.
WITH bounds AS (
    SELECT
        $to::DATE AS t_end,
        ($to::DATE - INTERVAL 3 MONTH)::DATE AS recent_start,
        ($to::DATE - INTERVAL 6 MONTH)::DATE AS exposure_start,
        greatest(($to::DATE - INTERVAL 15 MONTH)::DATE,
                 (SELECT min(order_date) FROM order_lines) - 1) AS history_start
),
-- (the lines of the 15 months: the day after to − 15 months is on or before history_start + 1)
lines AS (
    SELECT ol.*
    FROM derived.scoped_lines(($to::DATE - INTERVAL 15 MONTH + INTERVAL 1 DAY)::DATE, $to::DATE,
                              $segment, $region, $sales_rep, $customer, $category, $supplier, $sku) ol, bounds b
    WHERE ol.order_date > b.history_start
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
    FROM derived.bo_lines ol, bounds b
    WHERE ol.qty_backordered > coalesce(ol.qty_cancelled, 0)
      AND ol.order_date <= b.t_end
      AND (ol.backorder_filled_date IS NULL OR ol.backorder_filled_date > b.t_end)
      AND ol.customer_id IN (SELECT customer_id FROM per_customer)
      AND derived.product_passes(ol.category, ol.supplier, ol.sku, $category, $supplier, $sku)
    GROUP BY ol.customer_id
),
bo_contacts AS (
    SELECT k.customer_id,
           count(*) AS contacts,
           count(*) FILTER (WHERE k.escalated) AS escalations
    FROM derived.contacts k
    CROSS JOIN bounds b
    JOIN derived.contact_texts t ON t.text_id = k.text_id
    WHERE k.contact_at >= b.exposure_start + 1
      AND k.contact_at < b.t_end + INTERVAL 1 DAY
      AND k.customer_id IN (SELECT customer_id FROM per_customer)
      AND derived.contact_related(k.bo_order, t.reason, t.note, $keyword_pattern)
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
