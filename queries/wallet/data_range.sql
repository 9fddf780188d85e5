-- The extract's first and last order date (which months have full data is a property of the load, not of
-- the filters) and a fingerprint of the loaded data for the estimator's cache.
SELECT strftime(min(order_date), '%Y-%m-%d') AS first_date,
       strftime(max(order_date), '%Y-%m-%d') AS last_date,
       count(*)::DOUBLE AS lines,
       (SELECT value FROM meta WHERE key = 'data_version') AS data_version
FROM order_lines
