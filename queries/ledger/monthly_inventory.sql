-- Mean inventory value per month over the snapshot dates in $from..$to (product filters only, valued as
-- queries/ledger/holding.sql values them), for the monthly holding savings against the baseline.
WITH by_date AS (
    SELECT
        s.snapshot_date,
        coalesce(sum(s.on_hand_qty * coalesce(s.unit_cost, p.unit_cost)) FILTER (
            WHERE derived.product_passes(p.category, p.supplier, s.sku, $category, $supplier, $sku)), 0) AS value
    FROM inventory_snapshots s
    LEFT JOIN products p ON p.sku = s.sku
    WHERE s.snapshot_date BETWEEN $from::DATE AND $to::DATE
    GROUP BY s.snapshot_date
)
SELECT strftime(snapshot_date, '%Y-%m-01') AS month,
       avg(value)::DOUBLE                  AS inventory_value,
       count(*)::DOUBLE                    AS snapshots
FROM by_date
GROUP BY month
ORDER BY month
