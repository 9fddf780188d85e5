-- Backorders still open at the end of the period ($to): ordered on or before $to, some backordered
-- quantity not cancelled, and not filled by $to. Aged from the order date to $to. Cancelled quantity is
-- never counted as open (the data do not say when it was cancelled). Customer and product filters apply.
WITH open_lines AS (
    SELECT
        date_diff('day', ol.order_date, $to::DATE) AS age_days,
        (ol.qty_backordered - coalesce(ol.qty_cancelled, 0)) * ol.unit_price AS open_value
    FROM order_lines ol
    LEFT JOIN customers c ON c.customer_id = ol.customer_id
    LEFT JOIN products p ON p.sku = ol.sku
    WHERE ol.qty_backordered > coalesce(ol.qty_cancelled, 0)
      AND ol.order_date <= $to::DATE
      AND (ol.backorder_filled_date IS NULL OR ol.backorder_filled_date > $to::DATE)
      AND ($segment IS NULL OR c.segment = $segment)
      AND ($region IS NULL OR c.region = $region)
      AND ($category IS NULL OR p.category = $category)
      AND ($supplier IS NULL OR p.supplier = $supplier)
)
SELECT
    CASE WHEN age_days <= 30 THEN '0-30'
         WHEN age_days <= 60 THEN '31-60'
         WHEN age_days <= 90 THEN '61-90'
         ELSE '90+' END AS bucket,
    count(*)::DOUBLE AS lines,
    coalesce(sum(open_value), 0)::DOUBLE AS value
FROM open_lines
GROUP BY ALL
ORDER BY min(age_days)
