-- Drill-down: the backordered order lines behind a breakdown figure (as lines.sql: period by order date,
-- filters, one member via the same whitelisted expressions), with the cancelled margin each carries at
-- the period's gross margin ($gross_margin), so the rows add up to the member's cancelled margin.
-- Searchable ($q_pattern, an ILIKE pattern built from the search text, bound) and paged ($limit/$offset;
-- a NULL limit returns every row, for exports). Window totals give the row count and sums before paging.
-- The totals come from an aggregate joined to every row, not a window over (): DuckDB 1.5.5 can fail a
-- whole-partition window count on a filtered input with a fatal internal error that invalidates the database
-- (duckdb/duckdb#22846, #25713), and it did so in CI.
WITH l AS (
    SELECT
        __ATTRIBUTED__ AS attributed,
        __MEMBER__ AS member,
        ol.order_id, ol.line_no, ol.order_date, ol.customer_id, c.name AS customer_name, ol.sku,
        p.description, p.category, p.supplier, ol.qty, ol.unit_price, ol.qty_backordered,
        coalesce(ol.qty_cancelled, 0) AS qty_cancelled, ol.promised_date, ol.backorder_filled_date
    FROM order_lines ol
    LEFT JOIN products p ON p.sku = ol.sku
    LEFT JOIN customers c ON c.customer_id = ol.customer_id
    WHERE ol.order_date BETWEEN $from::DATE AND $to::DATE
      AND ol.qty_backordered > 0
      AND $channel IS NULL
      AND derived.customer_passes(c.segment, c.region, c.sales_rep, ol.customer_id, $segment, $region, $sales_rep, $customer)
      AND derived.product_passes(p.category, p.supplier, ol.sku, $category, $supplier, $sku)
),
picked AS (
    -- the member asked for: $all (every row), or the unattributed rows ($unattributed), or one member
-- ($member; NULL = the members without a value)
    SELECT * FROM l
    WHERE ($all OR (NOT attributed AND $unattributed) OR (attributed AND NOT $unattributed AND member IS NOT DISTINCT FROM $member))
      AND ($q_pattern IS NULL OR concat_ws(' ', order_id, customer_id, customer_name, sku, description, category, supplier) ILIKE $q_pattern ESCAPE '\')
)
SELECT
    order_id, line_no::INTEGER AS line_no, strftime(order_date, '%Y-%m-%d') AS order_date, customer_id, customer_name, sku, description,
    category, supplier, qty::DOUBLE AS qty, unit_price::DOUBLE AS unit_price, qty_backordered::DOUBLE AS qty_backordered,
    qty_cancelled::DOUBLE AS qty_cancelled,
    (qty_backordered * unit_price)::DOUBLE AS backordered_value,
    (qty_cancelled * unit_price)::DOUBLE AS cancelled_value,
    (qty_cancelled * unit_price * $gross_margin)::DOUBLE AS cancelled_margin,
    strftime(promised_date, '%Y-%m-%d') AS promised_date,
    strftime(backorder_filled_date, '%Y-%m-%d') AS filled_date,
    date_diff('day', order_date, backorder_filled_date)::INTEGER AS backorder_days,
    t.total_rows, t.total_cost, t.total_value
FROM picked
CROSS JOIN (
    SELECT count(*)::DOUBLE AS total_rows,
           sum(qty_cancelled * unit_price * $gross_margin)::DOUBLE AS total_cost,
           sum(qty_backordered * unit_price)::DOUBLE AS total_value
    FROM picked
) t
ORDER BY cancelled_margin DESC, backordered_value DESC, order_id, line_no
LIMIT $limit OFFSET $offset
