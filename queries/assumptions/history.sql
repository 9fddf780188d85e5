-- Recorded changes, newest first; $scenario NULL = every scenario.
SELECT changed_at::VARCHAR AS changed_at, scenario, action, key, old_value::VARCHAR AS old_value, new_value::VARCHAR AS new_value
FROM assumption_changes
WHERE $scenario IS NULL OR scenario = $scenario
ORDER BY changed_at DESC, rowid DESC
LIMIT $limit
