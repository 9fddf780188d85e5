-- Rejected rows of the latest load of each table, grouped by the rule they broke.
WITH latest AS (
    SELECT table_name, max(load_id) AS load_id FROM loads GROUP BY table_name
)
SELECT r.table_name, r.column_name, r.rule, CAST(count(*) AS DOUBLE) AS rejects,
       min(r.line) AS first_line, any_value(r.value) AS example_value
FROM load_rejects r JOIN latest l USING (table_name, load_id)
GROUP BY ALL
ORDER BY rejects DESC, r.table_name, r.column_name
LIMIT 200
