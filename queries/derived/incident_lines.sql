-- Each customer's incident month t0 (its first month with a backordered line, as the share-of-wallet
-- estimator takes it) and the backordered lines of that month, with their value and product. The rule
-- that places a customer's wallet loss on products reads these (queries/scope/wallet_incident.sql): one
-- customer's t0 does not depend on the period asked, so it is found once per load, not per filter set.
CREATE OR REPLACE TABLE derived.incident_lines AS
WITH t0 AS (
    SELECT customer_id, min(date_trunc('month', order_date)) AS month
    FROM derived.bo_lines
    GROUP BY customer_id
)
SELECT t0.month, b.customer_id, b.sku, b.category, b.supplier,
       b.qty_backordered * b.unit_price AS value
FROM derived.bo_lines b
JOIN t0 ON t0.customer_id = b.customer_id AND date_trunc('month', b.order_date) = t0.month
ORDER BY t0.month, b.customer_id
