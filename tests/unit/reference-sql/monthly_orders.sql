-- Order lines by order month over $from..$to with the customer (segment, region, sales rep, customer) and
-- product filters, as queries/ledger/orders.sql applies them: the fill-rate trend
-- and the cancelled value behind each month's cancelled margin.
WITH allowed_customers AS (
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
)
SELECT
    strftime(order_date, '%Y-%m-01')                                    AS month,
    count(*)::DOUBLE                                                    AS lines,
    count(*) FILTER (WHERE qty_backordered > 0)::DOUBLE                 AS backordered_lines,
    coalesce(sum(qty * unit_price), 0)::DOUBLE                          AS ordered_value,
    coalesce(sum(qty_backordered * unit_price), 0)::DOUBLE              AS backordered_value,
    coalesce(sum(coalesce(qty_cancelled, 0) * unit_price), 0)::DOUBLE   AS cancelled_value
FROM order_lines
WHERE order_date BETWEEN $from::DATE AND $to::DATE
  AND (($segment IS NULL AND $region IS NULL AND $sales_rep IS NULL) OR customer_id IN (SELECT customer_id FROM allowed_customers))
  AND ($customer IS NULL OR customer_id = $customer)
  AND (($category IS NULL AND $supplier IS NULL) OR sku IN (SELECT sku FROM allowed_products))
GROUP BY month
ORDER BY month
