-- The rule that places the share-of-wallet loss on products (DESIGN §4 "Scope under filters"): a treated
-- customer's part of the loss is split over products by the backordered value of its incident month t0
-- (its first month with a backordered line, as the estimator takes it), per product.
-- For every customer whose t0 lies in the months of $from..$to: the t0 backordered value that passes
-- the product filters (`value`) and all of it (`total`); with $by_product, one row per SKU (with its
-- category and supplier) instead of one per customer, for the drivers breakdown. When a customer's t0
-- value is 0 (free lines), its backordered lines are counted instead, so the parts still add up.
-- (The incident months and their lines are derived.incident_lines, found once per load.)
WITH incident AS (
    SELECT i.customer_id, i.sku, i.category, i.supplier, i.value,
           derived.product_passes(i.category, i.supplier, i.sku, $category, $supplier, $sku) AS passes
    FROM derived.incident_lines i
    WHERE i.month BETWEEN date_trunc('month', $from::DATE) AND date_trunc('month', $to::DATE)
),
per_customer AS (
    SELECT customer_id, sum(value) > 0 AS by_value,
           CASE WHEN sum(value) > 0 THEN sum(value) ELSE count(*) END AS total
    FROM incident GROUP BY customer_id
)
SELECT
    i.customer_id,
    CASE WHEN $by_product THEN i.sku END AS sku,
    CASE WHEN $by_product THEN i.category END AS category,
    CASE WHEN $by_product THEN i.supplier END AS supplier,
    sum(CASE WHEN NOT i.passes THEN 0 WHEN c.by_value THEN i.value ELSE 1 END)::DOUBLE AS value,
    any_value(c.total)::DOUBLE AS total
FROM incident i
JOIN per_customer c ON c.customer_id = i.customer_id
GROUP BY ALL
HAVING sum(CASE WHEN NOT i.passes THEN 0 WHEN c.by_value THEN i.value ELSE 1 END) > 0
