-- Order lines of the period (order_date in $from..$to, inclusive) that pass the customer and product
-- filters: the orders figures, cancellations, the line-level service KPIs and the gross-margin sums.
--
-- Read from the derived tables (queries/derived/) so a new filter set does not scan every line:
--   * whole calendar months inside the period come from derived.line_months (sums by month and filter
--     attributes); the days before the first and after the last whole month come from order_lines, a
--     range read of a few days. With a single-customer or single-SKU filter every day comes from
--     order_lines, as line_months has neither column.
--   * backorder figures (average and p90 wait, cancellations, promise accuracy) come from
--     derived.bo_lines, the ~6 % of lines with qty_backordered > 0, so the p90 stays exact.
-- Filters are the scope macros (queries/scope/macros.sql): on the attribute columns of the derived tables,
-- and by customer / product id for the edge days, with the same result for unknown customers or SKUs.
WITH month_sums AS (
    SELECT
        coalesce(sum(m.lines), 0)           AS lines,
        coalesce(sum(m.ordered_value), 0)   AS ordered_value,
        coalesce(sum(m.promised_lines), 0)  AS promised_lines,
        coalesce(sum(m.otif_lines), 0)      AS otif_lines,
        coalesce(sum(m.cost_of_goods), 0)   AS cost_of_goods,
        coalesce(sum(m.costed_revenue), 0)  AS costed_revenue
    FROM derived.line_months m
    -- a single-customer or single-SKU filter reads every day from the lines: months have neither column
    WHERE $customer IS NULL AND $sku IS NULL AND m.month BETWEEN derived.whole_from($from) AND derived.whole_to($to)
      AND derived.customer_passes(m.segment, m.region, m.sales_rep, NULL, $segment, $region, $sales_rep, NULL)
      AND derived.product_passes(m.category, m.supplier, NULL, $category, $supplier, NULL)
),
-- the edge days: the period minus its whole months (two short date ranges), or all of it: range reads of
-- the date-ordered lines.
edge_lines AS (
    SELECT ol.sku, ol.qty, ol.unit_price, ol.qty_backordered, ol.promised_date, ol.ship_date
    FROM derived.scoped_lines($from, $to, $segment, $region, $sales_rep, $customer, $category, $supplier, $sku) ol
    WHERE $customer IS NOT NULL OR $sku IS NOT NULL
       OR ol.order_date < derived.whole_from($from)
       OR ol.order_date > derived.whole_to($to)
),
edge_sums AS (
    SELECT
        count(*)                                                  AS lines,
        coalesce(sum(l.qty * l.unit_price), 0)                    AS ordered_value,
        count(l.promised_date)                                    AS promised_lines,
        count(*) FILTER (WHERE coalesce(l.qty_backordered, 0) = 0
                           AND l.ship_date <= l.promised_date)    AS otif_lines,
        coalesce(sum(l.qty * p.unit_cost), 0)                     AS cost_of_goods,
        coalesce(sum(l.qty * l.unit_price) FILTER (WHERE p.unit_cost IS NOT NULL), 0) AS costed_revenue
    FROM edge_lines l
    LEFT JOIN products p ON p.sku = l.sku
),
all_lines AS (
    SELECT
        (m.lines + e.lines)::DOUBLE                   AS lines,
        (m.ordered_value + e.ordered_value)::DOUBLE   AS ordered_value,
        -- OTIF: no backorder and shipped by the promise, over lines with a promise
        (m.promised_lines + e.promised_lines)::DOUBLE AS promised_lines,
        (m.otif_lines + e.otif_lines)::DOUBLE         AS otif_lines,
        -- gross margin over the lines whose unit cost is known
        (m.cost_of_goods + e.cost_of_goods)::DOUBLE   AS cost_of_goods,
        (m.costed_revenue + e.costed_revenue)::DOUBLE AS costed_revenue
    FROM month_sums m, edge_sums e
),
bo_lines AS (
    SELECT
        count(*)::DOUBLE                                          AS backordered_lines,
        coalesce(sum(qty_backordered * unit_price), 0)::DOUBLE    AS backordered_value,
        coalesce(sum(qty_backordered), 0)::DOUBLE                 AS backordered_qty,
        avg(backorder_filled_date - order_date)::DOUBLE           AS avg_backorder_days,
        quantile_cont(backorder_filled_date - order_date, 0.9)::DOUBLE AS p90_backorder_days,
        count(backorder_filled_date)::DOUBLE                      AS filled_backorder_lines,
        -- cancellations (only backordered quantity can be cancelled)
        count(*) FILTER (WHERE qty_cancelled > 0)::DOUBLE         AS cancelled_lines,
        coalesce(sum(coalesce(qty_cancelled, 0) * unit_price), 0)::DOUBLE AS cancelled_value,
        -- promise accuracy of backorders: backordered quantity shipped by the promised date
        count(promised_date)::DOUBLE                              AS promised_backorder_lines,
        count(*) FILTER (WHERE backorder_filled_date <= promised_date)::DOUBLE AS kept_backorder_promises
    FROM derived.bo_lines
    WHERE order_date BETWEEN $from::DATE AND $to::DATE
      AND derived.customer_passes(segment, region, sales_rep, customer_id, $segment, $region, $sales_rep, $customer)
      AND derived.product_passes(category, supplier, sku, $category, $supplier, $sku)
)
SELECT * FROM all_lines, bo_lines
