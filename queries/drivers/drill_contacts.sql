-- Drill-down: the backorder-related contacts behind a breakdown figure, with the share of each contact
-- the member carries (1, or its part of a contact split over products — contacts_split.sql's rule) and
-- its cost at the scenario's prices: service = share·(channel cost + escalation cost if escalated),
-- sales = share·hours·(loaded rate + margin per selling hour), hours = coalesce(minutes, default
-- minutes of the channel)/60. The prices are bound ($cc_<channel>, $escalation_cost, $dm_<channel>,
-- $sales_hour_cost), so the rows add up to the member's service + sales costs.
-- Searchable and paged as drill_lines.sql.
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
           k.order_id, k.minutes, coalesce(k.escalated, false) AS escalated, k.reason, k.note
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
    WHERE $split AND (($category IS NULL AND $supplier IS NULL AND $sku IS NULL) OR ol.sku IN (SELECT sku FROM allowed_products))
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
),
members AS (
    SELECT __ATTRIBUTED__ AS attributed, __MEMBER__ AS member, k.*
    FROM k
    LEFT JOIN products p ON p.sku = k.line_sku
    LEFT JOIN customers c ON c.customer_id = k.customer_id
),
picked AS (
    -- the member asked for: $all (every row), or the unattributed rows ($unattributed), or one member
-- ($member; NULL = the members without a value)
    SELECT contact_id, any_value(customer_id) AS customer_id, any_value(contact_at) AS contact_at, any_value(team) AS team,
           any_value(channel) AS channel, any_value(order_id) AS order_id, any_value(minutes) AS minutes,
           any_value(escalated) AS escalated, any_value(reason) AS reason, any_value(note) AS note, sum(w) AS share
    FROM members
    WHERE ($all OR (NOT attributed AND $unattributed) OR (attributed AND NOT $unattributed AND member IS NOT DISTINCT FROM $member))
    GROUP BY contact_id
),
priced AS (
    SELECT m.*, c.name AS customer_name,
        CASE m.channel WHEN 'phone' THEN $cc_phone WHEN 'email' THEN $cc_email WHEN 'chat' THEN $cc_chat
             WHEN 'portal' THEN $cc_portal WHEN 'visit' THEN $cc_visit ELSE $cc_other END AS channel_cost,
        CASE m.channel WHEN 'phone' THEN $dm_phone WHEN 'email' THEN $dm_email WHEN 'chat' THEN $dm_chat
             WHEN 'portal' THEN $dm_portal WHEN 'visit' THEN $dm_visit ELSE $dm_other END AS default_minutes
    FROM picked m
    LEFT JOIN customers c ON c.customer_id = m.customer_id
    WHERE ($q_pattern IS NULL OR concat_ws(' ', m.contact_id, m.customer_id, c.name, m.order_id, m.reason, m.note, m.channel, m.team) ILIKE $q_pattern ESCAPE '\')
),
costed AS (
    SELECT *,
        CASE WHEN team = 'service' THEN share * (channel_cost + CASE WHEN escalated THEN $escalation_cost ELSE 0 END)
             ELSE share * coalesce(minutes, default_minutes) / 60 * $sales_hour_cost END AS cost
    FROM priced
)
SELECT
    contact_id, strftime(contact_at, '%Y-%m-%d %H:%M') AS contact_at, customer_id, customer_name, team, channel,
    reason, note, order_id, minutes::DOUBLE AS minutes, escalated, share::DOUBLE AS share, cost::DOUBLE AS cost,
    count(*) OVER ()::DOUBLE AS total_rows,
    sum(cost) OVER ()::DOUBLE AS total_cost,
    sum(share) OVER ()::DOUBLE AS total_value
FROM costed
ORDER BY cost DESC, contact_at, contact_id
LIMIT $limit OFFSET $offset
