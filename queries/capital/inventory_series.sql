-- Inventory value per snapshot date over the whole history, as queries/ledger/holding.sql values it:
-- Σ on_hand_qty · coalesce(snapshot unit_cost, product unit_cost) over the SKUs passing the product
-- filters, 0 on a date where no filtered SKU has a row (every snapshot date of the data is listed, so a
-- filter never moves the baseline window). The page cuts the baseline window and the period from it.
SELECT strftime(s.snapshot_date, '%Y-%m-%d') AS date,
       coalesce(sum(s.on_hand_qty * coalesce(s.unit_cost, p.unit_cost)) FILTER (
           WHERE derived.product_passes(p.category, p.supplier, s.sku, $category, $supplier, $sku)), 0)::DOUBLE AS value
FROM inventory_snapshots s
LEFT JOIN products p ON p.sku = s.sku
GROUP BY s.snapshot_date
ORDER BY s.snapshot_date
