-- All scenarios, the active one flagged.
SELECT s.name, s.created_at::VARCHAR AS created_at, s.updated_at::VARCHAR AS updated_at,
       coalesce(s.name = a.name, false) AS active
FROM scenarios s
LEFT JOIN scenario_active a ON a.id = 1
ORDER BY s.name = 'default' DESC, s.name
