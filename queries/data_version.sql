-- The one fingerprint of the loaded data (every cache and the derived tables are keyed by it): the load
-- counter every load bumps, and the row counts of every table (metadata in DuckDB, so instant), which
-- catch rows written some other way.
SELECT
    (SELECT value FROM meta WHERE key = 'data_version') AS data_version,
    (SELECT count(*) FROM customers)::DOUBLE AS customers,
    (SELECT count(*) FROM products)::DOUBLE AS products,
    (SELECT count(*) FROM order_lines)::DOUBLE AS order_lines,
    (SELECT count(*) FROM inventory_snapshots)::DOUBLE AS inventory_snapshots,
    (SELECT count(*) FROM contacts)::DOUBLE AS contacts,
    (SELECT count(*) FROM opportunities)::DOUBLE AS opportunities
