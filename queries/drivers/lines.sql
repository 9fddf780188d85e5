-- Breakdown source 1 of 3: the period's order lines ($from..$to by order_date) within the filters, per
-- member of one or two dimensions. Template: __ATTRIBUTED__, __MEMBER__, __MEMBER2__, __LABEL__ are
-- replaced by the server with fixed expressions from a whitelist (src/lib/server/drivers/sql.ts); every
-- value is a bound parameter. Aliases: ol = order line, p = its product, c = its customer.
-- Figures: lines, backorders, and the cancelled value the ledger prices at the period's gross margin.
-- Filters: the scope macros (queries/scope/macros.sql). A contact channel ($channel, the explorer's
-- pick) cannot reach an order line: under one the lines come back with in_scope = false.
SELECT
    __ATTRIBUTED__ AS attributed,
    __MEMBER__ AS member,
    __MEMBER2__ AS member2,
    __LABEL__ AS label,
    ($channel IS NULL) AS in_scope,
    count(*)::DOUBLE AS lines,
    count(*) FILTER (WHERE ol.qty_backordered > 0)::DOUBLE AS backordered_lines,
    coalesce(sum(ol.qty_backordered * ol.unit_price) FILTER (WHERE ol.qty_backordered > 0), 0)::DOUBLE AS backordered_value,
    coalesce(sum(coalesce(ol.qty_cancelled, 0) * ol.unit_price) FILTER (WHERE ol.qty_backordered > 0), 0)::DOUBLE AS cancelled_value
FROM order_lines ol
LEFT JOIN products p ON p.sku = ol.sku
LEFT JOIN customers c ON c.customer_id = ol.customer_id
WHERE ol.order_date BETWEEN $from::DATE AND $to::DATE
  AND derived.customer_passes(c.segment, c.region, c.sales_rep, ol.customer_id, $segment, $region, $sales_rep, $customer)
  AND derived.product_passes(p.category, p.supplier, ol.sku, $category, $supplier, $sku)
GROUP BY ALL
