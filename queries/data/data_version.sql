-- The data version the latest load set (0 before any load).
SELECT coalesce(max(value), '0') AS data_version FROM meta WHERE key = 'data_version'
