-- Order lines by order month over $from..$to with the customer (segment, region, sales rep, customer) and
-- product filters, as queries/ledger/orders.sql applies them: the fill-rate trend and the cancelled value
-- behind each month's cancelled margin. Whole months come from derived.line_months, the edge days of a
-- period that starts or ends mid-month (and every day under a single-customer filter) from order_lines,
-- exactly as in queries/ledger/orders.sql.
WITH parts AS (
    SELECT m.month, m.lines, m.backordered_lines, m.ordered_value, m.backordered_value, m.cancelled_value
    FROM derived.line_months m
    WHERE $customer IS NULL AND $sku IS NULL AND m.month BETWEEN derived.whole_from($from) AND derived.whole_to($to)
      AND derived.customer_passes(m.segment, m.region, m.sales_rep, NULL, $segment, $region, $sales_rep, NULL)
      AND derived.product_passes(m.category, m.supplier, NULL, $category, $supplier, NULL)
    UNION ALL
    SELECT
        date_trunc('month', order_date)::DATE,
        count(*),
        count(*) FILTER (WHERE qty_backordered > 0),
        coalesce(sum(qty * unit_price), 0),
        coalesce(sum(qty_backordered * unit_price), 0),
        coalesce(sum(coalesce(qty_cancelled, 0) * unit_price), 0)
    FROM derived.scoped_lines($from, $to, $segment, $region, $sales_rep, $customer, $category, $supplier, $sku)
    WHERE $customer IS NOT NULL OR $sku IS NOT NULL
       OR order_date < derived.whole_from($from)
       OR order_date > derived.whole_to($to)
    GROUP BY 1
)
SELECT
    strftime(month, '%Y-%m-01')                 AS month,
    sum(lines)::DOUBLE                          AS lines,
    sum(backordered_lines)::DOUBLE              AS backordered_lines,
    sum(ordered_value)::DOUBLE                  AS ordered_value,
    sum(backordered_value)::DOUBLE              AS backordered_value,
    sum(cancelled_value)::DOUBLE                AS cancelled_value
FROM parts
GROUP BY month
ORDER BY month
