-- Breakdown source 1 of 3: the period's order lines ($from..$to by order_date) within the filters, per
-- member of one or two dimensions. Template: __ATTRIBUTED__, __MEMBER__, __MEMBER2__, __LABEL__ (over the
-- lines: ol = order line, p = its product, c = its customer) and __M_ATTRIBUTED__, __M_MEMBER__,
-- __M_MEMBER2__ (over derived.line_months, m) are fixed expressions from a whitelist
-- (src/lib/server/drivers/sql.ts); every value is a bound parameter.
-- With $by_month (no customer or SKU filter, and dimensions line_months has), whole months come from
-- derived.line_months and only the period's edge days from the lines, as queries/ledger/orders.sql reads
-- them; otherwise every day comes from the lines (derived.scoped_lines: under a product filter they are
-- read in product order, so the filter skips row groups).
-- Figures: lines, backorders, and the cancelled value the ledger prices at the period's gross margin.
-- A contact channel ($channel, the explorer's pick) cannot reach an order line: under one the lines come
-- back with in_scope = false.
WITH parts AS (
    SELECT __M_ATTRIBUTED__ AS attributed, __M_MEMBER__ AS member, __M_MEMBER2__ AS member2, NULL::VARCHAR AS label,
           m.lines, m.backordered_lines, m.backordered_value, m.cancelled_value
    FROM derived.line_months m
    WHERE $by_month AND m.month BETWEEN derived.whole_from($from) AND derived.whole_to($to)
      AND derived.customer_passes(m.segment, m.region, m.sales_rep, NULL, $segment, $region, $sales_rep, NULL)
      AND derived.product_passes(m.category, m.supplier, NULL, $category, $supplier, NULL)
    UNION ALL
    SELECT
        __ATTRIBUTED__,
        __MEMBER__,
        __MEMBER2__,
        __LABEL__,
        count(*),
        count(*) FILTER (WHERE ol.qty_backordered > 0),
        coalesce(sum(ol.qty_backordered * ol.unit_price) FILTER (WHERE ol.qty_backordered > 0), 0),
        coalesce(sum(coalesce(ol.qty_cancelled, 0) * ol.unit_price) FILTER (WHERE ol.qty_backordered > 0), 0)
    FROM derived.scoped_lines($from, $to, $segment, $region, $sales_rep, $customer, $category, $supplier, $sku) ol
    LEFT JOIN products p ON p.sku = ol.sku
    LEFT JOIN customers c ON c.customer_id = ol.customer_id
    WHERE NOT $by_month OR ol.order_date < derived.whole_from($from) OR ol.order_date > derived.whole_to($to)
    GROUP BY ALL
)
SELECT
    attributed, member, member2, any_value(label) AS label,
    ($channel IS NULL) AS in_scope,
    sum(lines)::DOUBLE AS lines,
    sum(backordered_lines)::DOUBLE AS backordered_lines,
    sum(backordered_value)::DOUBLE AS backordered_value,
    sum(cancelled_value)::DOUBLE AS cancelled_value
FROM parts
GROUP BY attributed, member, member2
