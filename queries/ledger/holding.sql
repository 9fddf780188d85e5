-- Inventory value per snapshot date = Σ on_hand_qty · coalesce(snapshot unit_cost, product unit_cost),
-- over the SKUs passing the product filters (customer filters cannot apply). Every snapshot date of the
-- data counts, with value 0 when no filtered SKU has a row then, so a filter never moves the baseline
-- window. Baseline = mean over the dates of the first $baseline_days days of snapshots; period = mean
-- over the snapshot dates in $from..$to.
-- (The first date is an aggregate, not min() OVER (): see queries/drivers/drill_lines.sql.)
WITH v AS (
    SELECT snapshot_date, value FROM derived.scoped_inventory_values($category, $supplier, $sku)
),
windows AS (
    SELECT
        snapshot_date,
        value,
        snapshot_date < (SELECT min(snapshot_date) FROM v) + $baseline_days::INTEGER AS in_baseline,
        snapshot_date BETWEEN $from::DATE AND $to::DATE AS in_period
    FROM v
)
SELECT
    avg(value) FILTER (WHERE in_baseline)::DOUBLE        AS baseline_value,
    count(*) FILTER (WHERE in_baseline)::DOUBLE          AS baseline_snapshots,
    min(snapshot_date) FILTER (WHERE in_baseline)::VARCHAR AS baseline_from,
    max(snapshot_date) FILTER (WHERE in_baseline)::VARCHAR AS baseline_to,
    avg(value) FILTER (WHERE in_period)::DOUBLE          AS period_value,
    count(*) FILTER (WHERE in_period)::DOUBLE            AS period_snapshots
FROM windows
