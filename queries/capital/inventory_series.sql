-- Inventory value per snapshot date over the whole history, as queries/ledger/holding.sql values it
-- (derived.scoped_inventory_values: the SKUs passing the product filters, 0 on a date where none has a row).
-- The page cuts the baseline window and the period from it.
SELECT strftime(snapshot_date, '%Y-%m-%d') AS date, value::DOUBLE AS value
FROM derived.scoped_inventory_values($category, $supplier, $sku)
ORDER BY snapshot_date
