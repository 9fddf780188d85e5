-- The cost drivers' lines source (queries/drivers/lines.sql) written plainly over the canonical tables:
-- the period's order lines within the filters, per member of one dimension ($dim, a bound name), with
-- no derived table and no scope macro.
SELECT
    CASE $dim WHEN 'segment' THEN c.segment WHEN 'region' THEN c.region WHEN 'sales_rep' THEN c.sales_rep
              WHEN 'customer' THEN ol.customer_id WHEN 'category' THEN p.category WHEN 'supplier' THEN p.supplier
              WHEN 'sku' THEN ol.sku WHEN 'month' THEN strftime(ol.order_date, '%Y-%m') END AS member,
    count(*)::DOUBLE AS lines,
    count(*) FILTER (WHERE ol.qty_backordered > 0)::DOUBLE AS backordered_lines,
    coalesce(sum(ol.qty_backordered * ol.unit_price) FILTER (WHERE ol.qty_backordered > 0), 0)::DOUBLE AS backordered_value,
    coalesce(sum(coalesce(ol.qty_cancelled, 0) * ol.unit_price) FILTER (WHERE ol.qty_backordered > 0), 0)::DOUBLE AS cancelled_value
FROM order_lines ol
LEFT JOIN products p ON p.sku = ol.sku
LEFT JOIN customers c ON c.customer_id = ol.customer_id
WHERE ol.order_date BETWEEN $from::DATE AND $to::DATE
  AND ($segment IS NULL OR c.segment = $segment)
  AND ($region IS NULL OR c.region = $region)
  AND ($sales_rep IS NULL OR c.sales_rep = $sales_rep)
  AND ($customer IS NULL OR ol.customer_id = $customer)
  AND ($category IS NULL OR p.category = $category)
  AND ($supplier IS NULL OR p.supplier = $supplier)
  AND ($sku IS NULL OR ol.sku = $sku)
GROUP BY 1
