-- What the database holds, for the default period (12 full months ending with the last order month)
-- and the empty-database answer. Unfiltered: the default period never depends on the filters.
-- data_version (bumped by every load) and the counts key the summary's result cache.
SELECT
    (SELECT value FROM meta WHERE key = 'data_version') AS data_version,
    (SELECT min(order_date) FROM order_lines)::VARCHAR AS first_order,
    (SELECT max(order_date) FROM order_lines)::VARCHAR AS last_order,
    (SELECT count(*) FROM order_lines)::DOUBLE AS order_lines,
    (SELECT count(*) FROM contacts)::DOUBLE AS contacts,
    (SELECT count(*) FROM opportunities)::DOUBLE AS opportunities,
    (SELECT count(*) FROM inventory_snapshots)::DOUBLE AS inventory_snapshots
