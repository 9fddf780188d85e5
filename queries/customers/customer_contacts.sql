-- One customer's contacts over all data, with the DESIGN §3 flag (keyword in reason or note, or about an
-- order with a backordered line). The contacts are read once (materialised); whether their orders have a
-- backordered line is looked up among the backordered lines (derived.bo_lines: every line with
-- qty_backordered > 0, ~6 % of them) instead of scanning all order lines.
WITH k AS MATERIALIZED (
    SELECT contact_id, contact_at, team, channel, reason, note, order_id, escalated, csat
    FROM contacts
    WHERE customer_id = $id
),
backordered_orders AS (
    -- any customer's order, as the ledger does; only the orders this customer's contacts name are probed
    SELECT DISTINCT order_id FROM derived.bo_lines
    WHERE order_id IN (SELECT order_id FROM k WHERE order_id IS NOT NULL)
)
SELECT
    k.contact_id,
    strftime(k.contact_at, '%Y-%m-%d %H:%M:%S') AS contact_at,
    k.team, k.channel, k.reason, k.note, k.order_id,
    coalesce(k.escalated, false) AS escalated,
    k.csat::DOUBLE AS csat,
    derived.contact_related(bo.order_id IS NOT NULL, k.reason, k.note, $keyword_pattern) AS related
FROM k
LEFT JOIN backordered_orders bo ON bo.order_id = k.order_id
ORDER BY k.contact_at, k.contact_id
