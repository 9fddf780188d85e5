-- Every order line, summed by order month and by the attributes the filters use (customer segment, region
-- and sales rep; product category and supplier): 10M lines become ~170k rows, so a new filter set reads
-- these instead of the lines. Lines whose customer or SKU is not in customers/products keep NULL
-- attributes, so they count when no filter of that kind is set and drop out when one is — as the
-- semi-joins of queries/ledger/orders.sql treat them.
CREATE OR REPLACE TABLE derived.line_months AS
SELECT
    date_trunc('month', ol.order_date)::DATE                              AS month,
    c.segment, c.region, c.sales_rep, p.category, p.supplier,
    count(*)::DOUBLE                                                      AS lines,
    coalesce(sum(ol.qty * ol.unit_price), 0)::DOUBLE                      AS ordered_value,
    count(ol.promised_date)::DOUBLE                                       AS promised_lines,
    count(*) FILTER (WHERE coalesce(ol.qty_backordered, 0) = 0
                       AND ol.ship_date <= ol.promised_date)::DOUBLE      AS otif_lines,
    coalesce(sum(ol.qty * p.unit_cost), 0)::DOUBLE                        AS cost_of_goods,
    coalesce(sum(ol.qty * ol.unit_price) FILTER (WHERE p.unit_cost IS NOT NULL), 0)::DOUBLE AS costed_revenue,
    count(*) FILTER (WHERE ol.qty_backordered > 0)::DOUBLE                AS backordered_lines,
    coalesce(sum(ol.qty_backordered * ol.unit_price), 0)::DOUBLE          AS backordered_value,
    coalesce(sum(coalesce(ol.qty_cancelled, 0) * ol.unit_price), 0)::DOUBLE AS cancelled_value
FROM order_lines ol
LEFT JOIN customers c ON c.customer_id = ol.customer_id
LEFT JOIN products p ON p.sku = ol.sku
GROUP BY ALL
ORDER BY month
