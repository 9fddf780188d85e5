-- Order lines of the period (order_date in $from..$to, inclusive) that pass the customer and product
-- filters, summed in ONE scan for the orders figures, cancellations, the line-level service KPIs and
-- the gross-margin sums: at 10M lines the scan is the cost, so the families share it.
-- LEFT JOINs keep lines whose customer or SKU is missing from the master data when no filter is set.
WITH lines AS (
    SELECT
        ol.qty,
        ol.unit_price,
        coalesce(ol.qty_backordered, 0) AS qty_bo,
        coalesce(ol.qty_cancelled, 0) AS qty_cx,
        ol.order_date,
        ol.promised_date,
        ol.ship_date,
        ol.backorder_filled_date,
        p.unit_cost
    FROM order_lines ol
    LEFT JOIN customers c ON c.customer_id = ol.customer_id
    LEFT JOIN products p ON p.sku = ol.sku
    WHERE ol.order_date BETWEEN $from::DATE AND $to::DATE
      AND ($segment IS NULL OR c.segment = $segment)
      AND ($region IS NULL OR c.region = $region)
      AND ($category IS NULL OR p.category = $category)
      AND ($supplier IS NULL OR p.supplier = $supplier)
)
SELECT
    count(*)::DOUBLE                                              AS lines,
    count(*) FILTER (WHERE qty_bo > 0)::DOUBLE                    AS backordered_lines,
    coalesce(sum(qty * unit_price), 0)::DOUBLE                    AS ordered_value,
    coalesce(sum(qty_bo * unit_price), 0)::DOUBLE                 AS backordered_value,
    coalesce(sum(qty_bo), 0)::DOUBLE                              AS backordered_qty,
    avg(date_diff('day', order_date, backorder_filled_date))
        FILTER (WHERE qty_bo > 0)::DOUBLE                         AS avg_backorder_days,
    quantile_cont(date_diff('day', order_date, backorder_filled_date), 0.9)
        FILTER (WHERE qty_bo > 0)::DOUBLE                         AS p90_backorder_days,
    count(backorder_filled_date) FILTER (WHERE qty_bo > 0)::DOUBLE AS filled_backorder_lines,
    -- cancellations
    count(*) FILTER (WHERE qty_cx > 0)::DOUBLE                    AS cancelled_lines,
    coalesce(sum(qty_cx * unit_price), 0)::DOUBLE                 AS cancelled_value,
    -- OTIF: no backorder and shipped by the promise, over lines with a promise
    count(*) FILTER (WHERE promised_date IS NOT NULL)::DOUBLE     AS promised_lines,
    count(*) FILTER (WHERE promised_date IS NOT NULL AND qty_bo = 0
                       AND ship_date <= promised_date)::DOUBLE    AS otif_lines,
    -- promise accuracy of backorders: backordered quantity shipped by the promised date
    count(*) FILTER (WHERE qty_bo > 0 AND promised_date IS NOT NULL)::DOUBLE AS promised_backorder_lines,
    count(*) FILTER (WHERE qty_bo > 0 AND promised_date IS NOT NULL
                       AND backorder_filled_date <= promised_date)::DOUBLE AS kept_backorder_promises,
    -- gross margin over the lines whose unit cost is known
    coalesce(sum(qty * unit_cost), 0)::DOUBLE                     AS cost_of_goods,
    coalesce(sum(qty * unit_price) FILTER (WHERE unit_cost IS NOT NULL), 0)::DOUBLE AS costed_revenue
FROM lines
