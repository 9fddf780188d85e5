-- One customer's contacts over all data, with the DESIGN §3 flag (keyword in reason or note, or about an
-- order with a backordered line).
WITH backordered_orders AS (
    -- any customer's order, as the ledger does; only the orders this customer's contacts name are probed
    SELECT DISTINCT order_id FROM order_lines
    WHERE qty_backordered > 0
      AND order_id IN (SELECT order_id FROM contacts WHERE customer_id = $id AND order_id IS NOT NULL)
)
SELECT
    k.contact_id,
    strftime(k.contact_at, '%Y-%m-%d %H:%M:%S') AS contact_at,
    k.team, k.channel, k.reason, k.note, k.order_id,
    coalesce(k.escalated, false) AS escalated,
    k.csat::DOUBLE AS csat,
    (bo.order_id IS NOT NULL
     OR regexp_matches(coalesce(k.reason, '') || chr(10) || coalesce(k.note, ''), $keyword_pattern)) AS related
FROM contacts k
LEFT JOIN backordered_orders bo ON bo.order_id = k.order_id
WHERE k.customer_id = $id
ORDER BY k.contact_at, k.contact_id
