-- Per SKU inputs of the economic service level curve (src/lib/metrics/service-level.ts), period $from..$to:
--   daily_demand_mean/std  over every calendar day of the period, days without orders counting as 0
--                          (demand = ordered qty, backordered and later cancelled quantity included)
--   on_hand                latest snapshot on or before $to; avg_on_hand: mean over the period's snapshots
--   unit_cost              the latest snapshot's override when it has one, else products.unit_cost
-- Only the product filters apply: stock is held for all customers, so a customer filter would shrink
-- demand against the same shelf and mislead. SKUs with neither demand nor stock are left out.
WITH kept AS (
    SELECT sku, unit_cost, lead_time_days FROM products
    WHERE ($category IS NULL OR category = $category)
      AND ($supplier IS NULL OR supplier = $supplier)
),
days AS (SELECT (date_diff('day', $from::DATE, $to::DATE) + 1)::DOUBLE AS n),
daily AS (
    SELECT sku, order_date, sum(qty) AS q
    FROM order_lines
    WHERE order_date BETWEEN $from::DATE AND $to::DATE AND sku IN (SELECT sku FROM kept)
    GROUP BY sku, order_date
),
demand AS (SELECT sku, sum(q) AS s1, sum(q * q) AS s2 FROM daily GROUP BY sku),
latest AS (
    SELECT sku, arg_max(on_hand_qty, snapshot_date) AS on_hand, arg_max(unit_cost, snapshot_date) AS cost_override
    FROM inventory_snapshots
    WHERE snapshot_date <= $to::DATE
    GROUP BY sku
),
in_period AS (
    SELECT sku, avg(on_hand_qty) AS avg_on_hand
    FROM inventory_snapshots
    WHERE snapshot_date BETWEEN $from::DATE AND $to::DATE
    GROUP BY sku
)
SELECT k.sku,
       coalesce(l.cost_override, k.unit_cost)::DOUBLE AS unit_cost,
       k.lead_time_days::DOUBLE AS lead_time_days,
       coalesce(d.s1, 0) / days.n AS daily_demand_mean,
       CASE WHEN days.n > 1
            THEN sqrt(greatest(0, (coalesce(d.s2, 0) - coalesce(d.s1, 0) ^ 2 / days.n) / (days.n - 1)))
            ELSE 0 END AS daily_demand_std,
       l.on_hand::DOUBLE AS on_hand,
       p.avg_on_hand::DOUBLE AS avg_on_hand
FROM kept k
CROSS JOIN days
LEFT JOIN demand d ON d.sku = k.sku
LEFT JOIN latest l ON l.sku = k.sku
LEFT JOIN in_period p ON p.sku = k.sku
WHERE coalesce(d.s1, 0) > 0 OR coalesce(l.on_hand, 0) > 0 OR coalesce(p.avg_on_hand, 0) > 0
ORDER BY k.sku
