-- On hand per SKU from each SKU's latest inventory snapshot on or before $to (the fill queue covers open
-- lines with it). Only the SKUs given in $skus (joined by the unit separator chr(31) and bound as one value, so a SKU may hold a comma) are read.
SELECT s.sku, strftime(s.snapshot_date, '%Y-%m-%d') AS snapshot_date, s.on_hand_qty::DOUBLE AS on_hand_qty
FROM inventory_snapshots s
WHERE s.snapshot_date <= $to::DATE
  AND list_contains(string_split($skus, chr(31)), s.sku)
QUALIFY row_number() OVER (PARTITION BY s.sku ORDER BY s.snapshot_date DESC) = 1
