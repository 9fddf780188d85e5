-- The latest load of each table: what file it came from, when, and how many rows made it.
SELECT table_name, file, format,
       strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
       CAST(rows_read AS DOUBLE) AS rows_read,
       CAST(rows_loaded AS DOUBLE) AS rows_loaded,
       CAST(rows_rejected AS DOUBLE) AS rows_rejected
FROM loads
QUALIFY row_number() OVER (PARTITION BY table_name ORDER BY finished_at DESC, load_id DESC) = 1
ORDER BY table_name
