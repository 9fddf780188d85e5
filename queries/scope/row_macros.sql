-- Table macros over the derived tables: the rows in a filter's scope that several queries read. DuckDB
-- binds a table macro's tables when it is created, so these are (re)created at the end of every build
-- of the derived tables (src/lib/server/db/derived.ts); a query that calls one waits for that build.
-- The filters and §3 inside them are the macros of queries/scope/macros.sql.

-- The period's backorder-related contacts within the customer filters (and a contact channel), each
-- placed on products by its order (derived.order_shares) when a product filter is set or f_split asks
-- for it: one row per SKU of the order's shares that passes the product filters, with that share w
-- (placed = true). Without a product filter a contact no order line can place comes whole (w = 1,
-- placed = false), and without f_split every contact is one row with w = 1. Under a product filter only
-- the placed contacts come back: the unplaceable ones are outside a product filter's reach and the same
-- under every product filter, so src/lib/server/drivers/breakdown.ts takes them, as not attributable,
-- from the rows of the customer filters alone (placed = false there).
-- The cost drivers' breakdown and drill-down read contacts only through this.
CREATE OR REPLACE MACRO derived.scoped_contacts(f_from, f_to, f_channel, f_segment, f_region, f_sales_rep, f_customer, f_category, f_supplier, f_sku, keyword_pattern, f_split) AS TABLE
WITH period AS (
    SELECT k.contact_id, k.customer_id, k.contact_at, k.team, coalesce(k.channel, 'other') AS channel,
           k.order_id, k.minutes, coalesce(k.escalated, false) AS escalated, k.placeable, k.bo_order, k.text_id
    FROM derived.contacts k
    WHERE k.contact_at >= f_from::DATE
      AND k.contact_at < f_to::DATE + INTERVAL 1 DAY
      AND (f_channel IS NULL OR coalesce(k.channel, 'other') = f_channel)
      AND derived.customer_passes(k.segment, k.region, k.sales_rep, k.customer_id, f_segment, f_region, f_sales_rep, f_customer)
      -- under a product filter only placed contacts come back: read only those whose order has a line passing it
      AND (NOT derived.product_filtered(f_category, f_supplier, f_sku)
           OR k.order_id IN (SELECT s.order_id FROM derived.order_shares s
                             WHERE derived.product_filtered(f_category, f_supplier, f_sku)
                               AND derived.product_passes(s.category, s.supplier, s.sku, f_category, f_supplier, f_sku)))
),
-- the keyword test once per distinct text, for contacts not already related by their order
matched AS (
    SELECT t.text_id FROM derived.contact_texts t
    WHERE t.text_id IN (SELECT text_id FROM period WHERE NOT bo_order)
      AND derived.text_related(t.reason, t.note, keyword_pattern)
),
related AS (
    SELECT * EXCLUDE (bo_order, text_id) FROM period
    WHERE bo_order OR text_id IN (SELECT text_id FROM matched)
)
SELECT r.*, s.sku AS line_sku, s.category AS line_category, s.supplier AS line_supplier, s.w, true AS placed
FROM related r
JOIN derived.order_shares s ON s.order_id = r.order_id
WHERE (f_split OR derived.product_filtered(f_category, f_supplier, f_sku))
  AND derived.product_passes(s.category, s.supplier, s.sku, f_category, f_supplier, f_sku)
UNION ALL
SELECT r.*, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, 1.0::DOUBLE, false
FROM related r
WHERE NOT derived.product_filtered(f_category, f_supplier, f_sku)
  AND (NOT f_split OR NOT r.placeable);

-- The inventory value of the SKUs passing the product filters, per snapshot date, category and supplier
-- (Σ on_hand_qty · coalesce(snapshot unit_cost, product unit_cost)): read from derived.inventory_groups,
-- or under a SKU filter from that SKU's snapshot rows (a SKU unknown to products passes its own filter).
CREATE OR REPLACE MACRO derived.scoped_inventory(f_category, f_supplier, f_sku) AS TABLE
SELECT g.snapshot_date, g.category, g.supplier, g.value
FROM derived.inventory_groups g
WHERE f_sku IS NULL
  AND derived.product_passes(g.category, g.supplier, NULL, f_category, f_supplier, NULL)
UNION ALL
SELECT s.snapshot_date, p.category, p.supplier, sum(s.on_hand_qty * coalesce(s.unit_cost, p.unit_cost))
FROM inventory_snapshots s
LEFT JOIN products p ON p.sku = s.sku
WHERE f_sku IS NOT NULL AND s.sku = f_sku
  AND derived.product_passes(p.category, p.supplier, s.sku, f_category, f_supplier, f_sku)
GROUP BY ALL;

-- Inventory value on every snapshot date of the data, over the SKUs passing the product filters; 0 on a
-- date where no filtered SKU has a row (every date is listed, so a filter never moves the baseline window).
CREATE OR REPLACE MACRO derived.scoped_inventory_values(f_category, f_supplier, f_sku) AS TABLE
SELECT d.snapshot_date, coalesce(v.value, 0) AS value
FROM (SELECT DISTINCT snapshot_date FROM derived.inventory_groups) d
LEFT JOIN (
    SELECT snapshot_date, sum(value) AS value
    FROM derived.scoped_inventory(f_category, f_supplier, f_sku)
    GROUP BY snapshot_date
) v ON v.snapshot_date = d.snapshot_date;

-- The order lines ordered on f_from..f_to within the customer and product filters. Without a product
-- filter they are read from order_lines (stored in date order, so the period's bounds skip row groups);
-- under one from derived.product_lines (stored in product order, so the filter skips row groups). The
-- guards are constants when a statement runs, so only one of the two scans is planned.
CREATE OR REPLACE MACRO derived.scoped_lines(f_from, f_to, f_segment, f_region, f_sales_rep, f_customer, f_category, f_supplier, f_sku) AS TABLE
SELECT ol.sku, ol.order_date, ol.customer_id, ol.qty, ol.qty_cancelled, ol.qty_backordered, ol.unit_price,
       ol.backorder_filled_date, ol.promised_date, ol.ship_date
FROM order_lines ol
WHERE NOT derived.product_filtered(f_category, f_supplier, f_sku)
  AND ol.order_date BETWEEN f_from::DATE AND f_to::DATE
  AND derived.customer_in(ol.customer_id, f_segment, f_region, f_sales_rep, f_customer)
UNION ALL
SELECT pl.sku, pl.order_date, pl.customer_id, pl.qty, pl.qty_cancelled, pl.qty_backordered, pl.unit_price,
       pl.backorder_filled_date, pl.promised_date, pl.ship_date
FROM derived.product_lines pl
WHERE derived.product_filtered(f_category, f_supplier, f_sku)
  AND pl.order_date BETWEEN f_from::DATE AND f_to::DATE
  AND derived.customer_in(pl.customer_id, f_segment, f_region, f_sales_rep, f_customer)
  AND derived.product_passes(pl.category, pl.supplier, pl.sku, f_category, f_supplier, f_sku);
