-- Breakdown source 1 of 3: the period's order lines ($from..$to by order_date) that pass the filters,
-- per member of one or two dimensions. Template: __ATTRIBUTED__, __MEMBER__, __MEMBER2__, __LABEL__ are
-- replaced by the server with fixed expressions from a whitelist (src/lib/server/drivers/sql.ts); every
-- value is a bound parameter. Aliases: ol = order line, p = its product, c = its customer.
-- Figures: lines, backorders, and the cancelled value the ledger prices at the period's gross margin.
-- Filters as queries/ledger/orders.sql, plus the explorer's own: $sku (one product) and $channel (a
-- contact channel: order lines have none, so a channel pick leaves no lines).
WITH allowed_customers AS (
    SELECT customer_id FROM customers
    WHERE ($segment IS NOT NULL OR $region IS NOT NULL OR $sales_rep IS NOT NULL)
      AND ($segment IS NULL OR segment = $segment)
      AND ($region IS NULL OR region = $region)
      AND ($sales_rep IS NULL OR sales_rep = $sales_rep)
),
allowed_products AS (
    SELECT sku FROM products
    WHERE ($category IS NOT NULL OR $supplier IS NOT NULL OR $sku IS NOT NULL)
      AND ($category IS NULL OR category = $category)
      AND ($supplier IS NULL OR supplier = $supplier)
      AND ($sku IS NULL OR sku = $sku)
)
SELECT
    __ATTRIBUTED__ AS attributed,
    __MEMBER__ AS member,
    __MEMBER2__ AS member2,
    __LABEL__ AS label,
    count(*)::DOUBLE AS lines,
    count(*) FILTER (WHERE ol.qty_backordered > 0)::DOUBLE AS backordered_lines,
    coalesce(sum(ol.qty_backordered * ol.unit_price) FILTER (WHERE ol.qty_backordered > 0), 0)::DOUBLE AS backordered_value,
    coalesce(sum(coalesce(ol.qty_cancelled, 0) * ol.unit_price) FILTER (WHERE ol.qty_backordered > 0), 0)::DOUBLE AS cancelled_value
FROM order_lines ol
LEFT JOIN products p ON p.sku = ol.sku
LEFT JOIN customers c ON c.customer_id = ol.customer_id
WHERE ol.order_date BETWEEN $from::DATE AND $to::DATE
  AND $channel IS NULL
  AND (($segment IS NULL AND $region IS NULL AND $sales_rep IS NULL) OR ol.customer_id IN (SELECT customer_id FROM allowed_customers))
  AND ($customer IS NULL OR ol.customer_id = $customer)
  AND (($category IS NULL AND $supplier IS NULL AND $sku IS NULL) OR ol.sku IN (SELECT sku FROM allowed_products))
GROUP BY ALL
