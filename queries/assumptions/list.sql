-- All scenarios, the active one flagged; what_if is the saved what-if (JSON text), NULL for a plain scenario.
SELECT s.name, s.created_at::VARCHAR AS created_at, s.updated_at::VARCHAR AS updated_at,
       coalesce(s.name = a.name, false) AS active, s.what_if::VARCHAR AS what_if
FROM scenarios s
LEFT JOIN scenario_active a ON a.id = 1
ORDER BY s.name = 'default' DESC, s.what_if IS NOT NULL, s.name
