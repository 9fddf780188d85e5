-- Inventory value per snapshot date, category and supplier: Σ on_hand_qty · coalesce(snapshot unit_cost,
-- product unit_cost) (DESIGN §4 "Holding savings"). The holding figures and the working-capital page
-- read this instead of every snapshot row when no SKU filter is set (derived.scoped_inventory in
-- queries/scope/row_macros.sql); a SKU unknown to products is in the group of no category and no
-- supplier. Every snapshot date of the data has at least one row here.
CREATE OR REPLACE TABLE derived.inventory_groups AS
SELECT s.snapshot_date, p.category, p.supplier,
       sum(s.on_hand_qty * coalesce(s.unit_cost, p.unit_cost)) AS value
FROM inventory_snapshots s
LEFT JOIN products p ON p.sku = s.sku
GROUP BY ALL
ORDER BY ALL
