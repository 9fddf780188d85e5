-- The stored rejected rows of the latest load of each table ($table NULL = every table), in file order,
-- for the CSV download.
WITH latest AS (
    SELECT table_name, max(load_id) AS load_id FROM loads GROUP BY table_name
)
SELECT r.table_name, r.file, r.line::DOUBLE AS line, r.column_name, r.value, r.rule
FROM load_rejects r JOIN latest l USING (table_name, load_id)
WHERE $table IS NULL OR r.table_name = $table
ORDER BY r.table_name, r.line, r.column_name
