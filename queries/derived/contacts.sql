-- Every contact with what the ledger filters and prices it by: the customer's segment, region and sales
-- rep (NULL when the customer is unknown), team, channel, minutes, escalation, CSAT, whether its order
-- has a backordered line (DESIGN §3's second test), whether its order can place it on products
-- (derived.order_shares) and the number of its text in derived.contact_texts (the first test, applied
-- per request with the scenario's keywords). Built after bo_lines, order_shares and contact_texts.
CREATE OR REPLACE TABLE derived.contacts AS
SELECT
    k.contact_id, k.contact_at, k.customer_id, k.order_id,
    c.segment, c.region, c.sales_rep,
    k.team, k.channel, k.minutes, k.escalated, k.csat,
    (bo.order_id IS NOT NULL) AS bo_order,
    (sh.order_id IS NOT NULL) AS placeable,
    t.text_id
FROM contacts k
LEFT JOIN customers c ON c.customer_id = k.customer_id
LEFT JOIN (SELECT DISTINCT order_id FROM derived.bo_lines) bo ON bo.order_id = k.order_id
LEFT JOIN (SELECT DISTINCT order_id FROM derived.order_shares) sh ON sh.order_id = k.order_id
JOIN derived.contact_texts t ON t.reason IS NOT DISTINCT FROM k.reason AND t.note IS NOT DISTINCT FROM k.note
ORDER BY k.contact_at
