-- Per SKU inputs of the economic service level curve (src/lib/metrics/service-level.ts), period $from..$to:
--   daily_demand_mean/std  over every calendar day of the period, days without orders counting as 0
--                          (demand = ordered qty, backordered and later cancelled quantity included)
--   on_hand                latest snapshot on or before $to
--   avg_on_hand            the period's mean stock, valued as the ledger values it (queries/ledger/holding.sql):
--                          Σ on_hand_qty · coalesce(snapshot unit_cost, product unit_cost) over the period's
--                          rows, divided by the number of snapshot dates in the period (a SKU missing on a
--                          date counts 0), then expressed in units at unit_cost — so Σ avg_on_hand · unit_cost
--                          over SKUs is the ledger's period inventory value. NULL when the period has no
--                          snapshot dates (the latest snapshot stands in).
--   unit_cost              the latest snapshot's override when it has one, else products.unit_cost
-- Only the product filters apply: stock is held for all customers, so a customer filter would shrink
-- demand against the same shelf and mislead. SKUs with neither demand nor stock are left out.
WITH kept AS (
    SELECT sku, unit_cost, lead_time_days FROM products
    WHERE derived.product_passes(category, supplier, sku, $category, $supplier, $sku)
),
days AS (SELECT (date_diff('day', $from::DATE, $to::DATE) + 1)::DOUBLE AS n),
period_dates AS (
    SELECT count(DISTINCT snapshot_date)::DOUBLE AS n
    FROM inventory_snapshots
    WHERE snapshot_date BETWEEN $from::DATE AND $to::DATE
),
daily AS (
    SELECT sku, order_date, sum(qty) AS q
    FROM derived.scoped_lines($from, $to, NULL, NULL, NULL, NULL, $category, $supplier, $sku)
    WHERE sku IN (SELECT sku FROM kept)
    GROUP BY sku, order_date
),
demand AS (SELECT sku, sum(q) AS s1, sum(q * q) AS s2 FROM daily GROUP BY sku),
latest AS (
    -- one struct per row: arg_max skips NULL arguments, and a NULL override on the latest date means
    -- "no override then", not "take an older one"
    SELECT sku, arg_max({'q': on_hand_qty, 'c': unit_cost}, snapshot_date) AS last
    FROM inventory_snapshots
    WHERE snapshot_date <= $to::DATE AND sku IN (SELECT sku FROM kept)
    GROUP BY sku
),
in_period AS (
    SELECT s.sku,
           sum(s.on_hand_qty * coalesce(s.unit_cost, k.unit_cost)) AS value_sum,
           sum(s.on_hand_qty) AS qty_sum
    FROM inventory_snapshots s
    JOIN kept k ON k.sku = s.sku
    WHERE s.snapshot_date BETWEEN $from::DATE AND $to::DATE
    GROUP BY s.sku
),
costed AS (
    SELECT k.sku, k.lead_time_days, coalesce(l.last.c, k.unit_cost)::DOUBLE AS unit_cost
    FROM kept k LEFT JOIN latest l ON l.sku = k.sku
)
SELECT k.sku,
       k.unit_cost,
       k.lead_time_days::DOUBLE AS lead_time_days,
       coalesce(d.s1, 0) / days.n AS daily_demand_mean,
       CASE WHEN days.n > 1
            THEN sqrt(greatest(0, (coalesce(d.s2, 0) - coalesce(d.s1, 0) ^ 2 / days.n) / (days.n - 1)))
            ELSE 0 END AS daily_demand_std,
       l.last.q::DOUBLE AS on_hand,
       CASE WHEN pd.n = 0 THEN NULL
            WHEN k.unit_cost > 0 THEN coalesce(p.value_sum, 0) / pd.n / k.unit_cost
            ELSE coalesce(p.qty_sum, 0) / pd.n END::DOUBLE AS avg_on_hand
FROM costed k
CROSS JOIN days
CROSS JOIN period_dates pd
LEFT JOIN demand d ON d.sku = k.sku
LEFT JOIN latest l ON l.sku = k.sku
LEFT JOIN in_period p ON p.sku = k.sku
WHERE coalesce(d.s1, 0) > 0 OR coalesce(l.last.q, 0) > 0 OR coalesce(p.value_sum, 0) > 0
ORDER BY k.sku
