-- Per customer, for the share-of-wallet estimator (src/lib/metrics/wallet.ts), over all data:
--   months, revenue  revenue Σ (qty − qty_cancelled)·unit_price by order month (year*12+month-1); the
--                    two lists are built by one aggregation and are aligned element by element, in no
--                    particular order (ORDER BY inside list() costs seconds at 10M lines)
--   bo_months        months with a backordered line; t0 is the first of them
--   t0_unresolved    some t0 backorder was cancelled or is still open (no filled date)
--   t0_max_delay     longest backorder_filled_date − order_date among the t0 backordered lines
-- Product filters restrict which lines count, revenue and backorders alike. Customer filters are applied
-- by the caller (segment/region restrict the population; sales rep and customer are placed by the scope
-- rule, src/lib/ledger/wallet-scope.ts), so one result serves every customer filter and period. Rows come
-- in customer order, so the estimate does not depend on the scan's order.
WITH kept AS (
    SELECT sku FROM products
    WHERE ($category IS NULL OR category = $category)
      AND ($supplier IS NULL OR supplier = $supplier)
),
bo AS (
    SELECT customer_id,
           (year(order_date) * 12 + month(order_date) - 1)::INTEGER AS m,
           bool_or(coalesce(qty_cancelled, 0) > 0 OR backorder_filled_date IS NULL) AS unresolved,
           max(date_diff('day', order_date, backorder_filled_date)) AS max_delay
    FROM derived.bo_lines
    WHERE ($category IS NULL OR category = $category)
      AND ($supplier IS NULL OR supplier = $supplier)
    GROUP BY ALL
),
incidents AS (
    SELECT customer_id, min(m) AS t0, list(m) AS bo_months,
           arg_min(unresolved, m) AS t0_unresolved, arg_min(max_delay, m) AS t0_max_delay
    FROM bo
    GROUP BY customer_id
),
cm AS (
    -- no product filter: the derived sums (queries/derived/customer_months.sql, the same sum)
    SELECT customer_id, m, revenue FROM derived.customer_months
    WHERE $category IS NULL AND $supplier IS NULL
    UNION ALL
    SELECT customer_id,
           (year(order_date) * 12 + month(order_date) - 1)::INTEGER AS m,
           sum((qty - coalesce(qty_cancelled, 0)) * unit_price) AS revenue
    FROM order_lines
    WHERE ($category IS NOT NULL OR $supplier IS NOT NULL) AND sku IN (SELECT sku FROM kept)
    GROUP BY ALL
),
by_customer AS (
    SELECT customer_id, list(m) AS months, list(revenue) AS revenue
    FROM cm
    GROUP BY customer_id
)
SELECT b.customer_id, c.name, c.segment, c.region, c.sales_rep, c.annual_wallet::DOUBLE AS annual_wallet,
       i.t0, b.months, b.revenue, i.bo_months, i.t0_unresolved, i.t0_max_delay::DOUBLE AS t0_max_delay
FROM by_customer b
LEFT JOIN incidents i ON i.customer_id = b.customer_id
LEFT JOIN customers c ON c.customer_id = b.customer_id
ORDER BY b.customer_id
