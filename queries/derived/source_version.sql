-- What the derived tables are built from: the load counter and the row counts of every table they read
-- (counts are metadata in DuckDB, so this is instant; they catch edits made outside a load).
SELECT
    (SELECT value FROM meta WHERE key = 'data_version') AS data_version,
    (SELECT count(*) FROM order_lines) AS order_lines,
    (SELECT count(*) FROM customers) AS customers,
    (SELECT count(*) FROM products) AS products,
    (SELECT count(*) FROM contacts) AS contacts
