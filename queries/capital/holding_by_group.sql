-- Baseline and period inventory value by category and by supplier (the same means as
-- queries/ledger/holding.sql: Σ value over the window's snapshot dates / number of those dates, so a
-- group missing on a date counts 0 and the groups add up to the ledger's totals). Product filters apply.
WITH dates AS (
    SELECT snapshot_date,
           snapshot_date < (SELECT min(snapshot_date) FROM derived.inventory_groups) + $baseline_days::INTEGER AS in_baseline,
           snapshot_date BETWEEN $from::DATE AND $to::DATE AS in_period
    FROM (SELECT DISTINCT snapshot_date FROM derived.inventory_groups)
),
n AS (
    SELECT count(*) FILTER (WHERE in_baseline)::DOUBLE AS nb, count(*) FILTER (WHERE in_period)::DOUBLE AS np FROM dates
),
rows AS (
    SELECT coalesce(s.category, '(none)') AS category,
           coalesce(s.supplier, '(none)') AS supplier,
           s.value, d.in_baseline, d.in_period
    FROM derived.scoped_inventory($category, $supplier, $sku) s
    JOIN dates d ON d.snapshot_date = s.snapshot_date
    WHERE d.in_baseline OR d.in_period
),
grouped AS (
    SELECT 'category' AS dimension, category AS name,
           sum(value) FILTER (WHERE in_baseline) AS b, sum(value) FILTER (WHERE in_period) AS p
    FROM rows GROUP BY category
    UNION ALL
    SELECT 'supplier', supplier, sum(value) FILTER (WHERE in_baseline), sum(value) FILTER (WHERE in_period)
    FROM rows GROUP BY supplier
)
SELECT dimension, name,
       CASE WHEN n.nb > 0 THEN coalesce(b, 0) / n.nb END::DOUBLE AS baseline_value,
       CASE WHEN n.np > 0 THEN coalesce(p, 0) / n.np END::DOUBLE AS period_value
FROM grouped CROSS JOIN n
ORDER BY dimension, name
