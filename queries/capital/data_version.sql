-- A fingerprint of the loaded data for the working-capital caches: the load counter bumped by every
-- ingest swap, and row counts (cheap in DuckDB) in case rows were written some other way.
SELECT (SELECT value FROM meta WHERE key = 'data_version') AS data_version,
       (SELECT count(*) FROM order_lines)::DOUBLE AS order_lines,
       (SELECT count(*) FROM inventory_snapshots)::DOUBLE AS snapshots,
       (SELECT count(*) FROM products)::DOUBLE AS products
