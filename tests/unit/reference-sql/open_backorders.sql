-- Backorders still open at the end of the period ($to): ordered on or before $to, some backordered
-- quantity not cancelled, and not filled by $to. Aged from the order date to $to. Cancelled quantity is
-- never counted as open (the data do not say when it was cancelled). Customer and product filters apply.
WITH allowed_customers AS (
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
open_lines AS (
    SELECT
        date_diff('day', ol.order_date, $to::DATE) AS age_days,
        (ol.qty_backordered - coalesce(ol.qty_cancelled, 0)) * ol.unit_price AS open_value
    FROM order_lines ol
    WHERE ol.qty_backordered > 0  -- implied by the next line, but DuckDB can push this one into the scan
      AND ol.qty_backordered > coalesce(ol.qty_cancelled, 0)
      AND ol.order_date <= $to::DATE
      AND (ol.backorder_filled_date IS NULL OR ol.backorder_filled_date > $to::DATE)
      AND (($segment IS NULL AND $region IS NULL AND $sales_rep IS NULL) OR ol.customer_id IN (SELECT customer_id FROM allowed_customers))
      AND ($customer IS NULL OR ol.customer_id = $customer)
      AND (($category IS NULL AND $supplier IS NULL) OR ol.sku IN (SELECT sku FROM allowed_products))
)
SELECT
    CASE WHEN age_days <= 30 THEN '0-30'
         WHEN age_days <= 60 THEN '31-60'
         WHEN age_days <= 90 THEN '61-90'
         ELSE '90+' END AS bucket,
    count(*)::DOUBLE AS lines,
    coalesce(sum(open_value), 0)::DOUBLE AS value
FROM open_lines
GROUP BY ALL
ORDER BY min(age_days)
