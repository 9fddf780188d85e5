-- The measured exposure for contact rates: backordered line-weeks in the period, over every backordered
-- line (qty_backordered > 0) the days of [order_date, fill date or $to] that fall in $from..$to, over 7.
-- The whole period, all customers and products: the rate every line is priced at (src/lib/scope.ts).
SELECT coalesce(sum(greatest(0, date_diff('day',
           greatest(b.order_date, $from::DATE),
           least(coalesce(b.backorder_filled_date, $to::DATE), $to::DATE)))), 0)::DOUBLE / 7 AS line_weeks,
       count(*)::DOUBLE AS lines
FROM derived.bo_lines b
WHERE b.order_date <= $to::DATE
  AND coalesce(b.backorder_filled_date, $to::DATE) >= $from::DATE
