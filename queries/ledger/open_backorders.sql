-- Backorders still open at the end of the period ($to): ordered on or before $to, some backordered
-- quantity not cancelled, and not filled by $to. Aged from the order date to $to. Cancelled quantity is
-- never counted as open (the data do not say when it was cancelled). Customer and product filters apply.
-- Read from derived.bo_lines (the backordered lines with their customer and product attributes).
WITH open_lines AS (
    SELECT
        date_diff('day', b.order_date, $to::DATE) AS age_days,
        (b.qty_backordered - coalesce(b.qty_cancelled, 0)) * b.unit_price AS open_value
    FROM derived.bo_lines b
    WHERE b.qty_backordered > coalesce(b.qty_cancelled, 0)
      AND b.order_date <= $to::DATE
      AND (b.backorder_filled_date IS NULL OR b.backorder_filled_date > $to::DATE)
      AND derived.customer_passes(b.segment, b.region, b.sales_rep, b.customer_id, $segment, $region, $sales_rep, $customer)
      AND derived.product_passes(b.category, b.supplier, b.sku, $category, $supplier, $sku)
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
