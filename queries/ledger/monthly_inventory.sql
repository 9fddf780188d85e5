-- Mean inventory value per month over the snapshot dates in $from..$to (product filters only, valued as
-- queries/ledger/holding.sql values them: derived.scoped_inventory_values), for the monthly holding savings.
SELECT strftime(snapshot_date, '%Y-%m-01') AS month,
       avg(value)::DOUBLE                  AS inventory_value,
       count(*)::DOUBLE                    AS snapshots
FROM derived.scoped_inventory_values($category, $supplier, $sku)
WHERE snapshot_date BETWEEN $from::DATE AND $to::DATE
GROUP BY month
ORDER BY month
