-- Contacts of the period (contact_at on $from..$to, inclusive) grouped by team, channel and whether they
-- are backorder-related (DESIGN §3: keyword in reason or note, or about an order that has a backordered
-- line at any time). Counts and minute sums per channel, so costs are multiplied by the assumptions in
-- TypeScript and an edited assumption needs no new query. Grouped by month too, so the same rows give the
-- period's figures (summed) and the ledger's monthly trend.
-- Customer filters apply through the contact's customer; product filters through the contact's order
-- (a contact counts when its order has a line of a matching product; contacts without an order drop out).
WITH backordered_orders AS (
    SELECT DISTINCT order_id FROM order_lines WHERE qty_backordered > 0
),
allowed_customers AS (
    -- empty unless a customer filter is set: with no filter DuckDB folds the guard and skips the probe
    SELECT customer_id FROM customers
    WHERE ($segment IS NOT NULL OR $region IS NOT NULL OR $sales_rep IS NOT NULL)
      AND ($segment IS NULL OR segment = $segment)
      AND ($region IS NULL OR region = $region)
      AND ($sales_rep IS NULL OR sales_rep = $sales_rep)
),
allowed_products AS (
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
           k.team, k.channel, k.reason, k.note, k.order_id, k.minutes, k.escalated, k.csat
    FROM contacts k
    WHERE k.contact_at >= $from::DATE
      AND k.contact_at < $to::DATE + INTERVAL 1 DAY
      AND (($segment IS NULL AND $region IS NULL AND $sales_rep IS NULL) OR k.customer_id IN (SELECT customer_id FROM allowed_customers))
      AND ($customer IS NULL OR k.customer_id = $customer)
      AND (($category IS NULL AND $supplier IS NULL)
           OR k.order_id IN (SELECT order_id FROM product_orders))
)
SELECT
    k.month,
    k.team,
    coalesce(k.channel, 'other') AS channel,
    -- CASE, not OR: the regex runs only on contacts not already linked to a backordered order
    CASE WHEN bo.order_id IS NOT NULL THEN true
         ELSE regexp_matches(coalesce(k.reason, '') || chr(10) || coalesce(k.note, ''), $keyword_pattern) END AS backorder_related,
    count(*)::DOUBLE                                 AS contacts,
    count(*) FILTER (WHERE k.escalated)::DOUBLE      AS escalated,
    coalesce(sum(k.minutes), 0)::DOUBLE              AS minutes,
    count(*) FILTER (WHERE k.minutes IS NULL)::DOUBLE AS minutes_missing,
    coalesce(sum(k.csat), 0)::DOUBLE                 AS csat_sum,
    count(k.csat)::DOUBLE                            AS csat_count
FROM period_contacts k
LEFT JOIN backordered_orders bo ON bo.order_id = k.order_id
GROUP BY ALL
ORDER BY ALL
