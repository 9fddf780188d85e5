-- Per customer, for the share-of-wallet estimator (src/lib/metrics/wallet.ts):
--   t0              first month (year*12+month-1) with a backordered line, over all data
--   months/revenue  revenue Σ (qty − qty_cancelled)·unit_price by order month, months $lo..$hi only
--   bo_months       backordered months within $lo..$hi
--   t0_unresolved   some t0 backorder was cancelled or is still open (no filled date)
--   t0_max_delay    longest backorder_filled_date − order_date among the t0 backordered lines
-- Product filters restrict which lines count (revenue and backorders alike); customer filters restrict
-- which customers appear. Customers without a row in customers appear only when no customer filter is set.
WITH lines AS (
    SELECT customer_id,
           (year(order_date) * 12 + month(order_date) - 1)::INTEGER AS m,
           (qty - coalesce(qty_cancelled, 0)) * unit_price AS revenue,
           coalesce(qty_backordered, 0) > 0 AS bo,
           coalesce(qty_cancelled, 0) > 0 OR backorder_filled_date IS NULL AS unresolved,
           date_diff('day', order_date, backorder_filled_date) AS delay
    FROM order_lines
    WHERE ($category IS NULL AND $supplier IS NULL)
       OR sku IN (SELECT sku FROM products
                  WHERE ($category IS NULL OR category = $category)
                    AND ($supplier IS NULL OR supplier = $supplier))
),
cm AS (
    SELECT customer_id, m,
           sum(revenue) AS revenue,
           bool_or(bo) AS bo,
           bool_or(bo AND unresolved) AS unresolved,
           max(delay) FILTER (WHERE bo) AS max_delay
    FROM lines
    GROUP BY customer_id, m
),
per_customer AS (
    SELECT customer_id,
           min(m) FILTER (WHERE bo) AS t0,
           list(m ORDER BY m) FILTER (WHERE m BETWEEN $lo::INTEGER AND $hi::INTEGER) AS months,
           list(revenue ORDER BY m) FILTER (WHERE m BETWEEN $lo::INTEGER AND $hi::INTEGER) AS revenue,
           list(m ORDER BY m) FILTER (WHERE bo AND m BETWEEN $lo::INTEGER AND $hi::INTEGER) AS bo_months,
           arg_min(unresolved, m) FILTER (WHERE bo) AS t0_unresolved,
           arg_min(max_delay, m) FILTER (WHERE bo) AS t0_max_delay
    FROM cm
    GROUP BY customer_id
)
SELECT p.customer_id, c.segment, c.annual_wallet::DOUBLE AS annual_wallet, p.t0,
       p.months, p.revenue, p.bo_months, p.t0_unresolved, p.t0_max_delay::DOUBLE AS t0_max_delay
FROM per_customer p
LEFT JOIN customers c ON c.customer_id = p.customer_id
WHERE p.months IS NOT NULL
  AND ($segment IS NULL OR c.segment = $segment)
  AND ($region IS NULL OR c.region = $region)
