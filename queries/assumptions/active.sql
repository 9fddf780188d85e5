-- The active scenario with its stored values (JSON text).
SELECT s.name, s.assumptions::VARCHAR AS assumptions, s.created_at::VARCHAR AS created_at, s.updated_at::VARCHAR AS updated_at
FROM scenario_active a
JOIN scenarios s ON s.name = a.name
WHERE a.id = 1
