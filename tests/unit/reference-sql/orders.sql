-- Order lines of the period (order_date in $from..$to, inclusive) that pass the customer and product
-- filters: the orders figures, cancellations, the line-level service KPIs and the gross-margin sums.
-- Two aggregates, one over every line and one over the backordered lines only (a filter DuckDB pushes
-- into the scan), so the backorder expressions are evaluated on ~5 % of the rows, not all of them.
-- Customer filters are a semi-join against a set that is empty without a filter (DuckDB folds the guard);
-- the products join stays for the unit cost, LEFT so lines whose SKU is missing still count unfiltered.
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
),
-- inlined into both aggregates: materialising 5M rows would cost more than scanning twice
period_lines AS NOT MATERIALIZED (
    SELECT ol.sku, ol.qty, ol.unit_price, ol.qty_backordered, ol.qty_cancelled, ol.order_date,
           ol.promised_date, ol.ship_date, ol.backorder_filled_date
    FROM order_lines ol
    WHERE ol.order_date BETWEEN $from::DATE AND $to::DATE
      AND (($segment IS NULL AND $region IS NULL AND $sales_rep IS NULL) OR ol.customer_id IN (SELECT customer_id FROM allowed_customers))
      AND ($customer IS NULL OR ol.customer_id = $customer)
      AND (($category IS NULL AND $supplier IS NULL) OR ol.sku IN (SELECT sku FROM allowed_products))
),
all_lines AS (
    SELECT
        count(*)::DOUBLE                                          AS lines,
        coalesce(sum(l.qty * l.unit_price), 0)::DOUBLE            AS ordered_value,
        -- OTIF: no backorder and shipped by the promise, over lines with a promise
        count(l.promised_date)::DOUBLE                            AS promised_lines,
        count(*) FILTER (WHERE coalesce(l.qty_backordered, 0) = 0
                           AND l.ship_date <= l.promised_date)::DOUBLE AS otif_lines,
        -- gross margin over the lines whose unit cost is known
        coalesce(sum(l.qty * p.unit_cost), 0)::DOUBLE             AS cost_of_goods,
        coalesce(sum(l.qty * l.unit_price) FILTER (WHERE p.unit_cost IS NOT NULL), 0)::DOUBLE AS costed_revenue
    FROM period_lines l
    LEFT JOIN products p ON p.sku = l.sku
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
    FROM period_lines
    WHERE qty_backordered > 0
)
SELECT * FROM all_lines, bo_lines
