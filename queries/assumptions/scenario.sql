-- One scenario by name, with its stored values (JSON text).
SELECT name, assumptions::VARCHAR AS assumptions, created_at::VARCHAR AS created_at, updated_at::VARCHAR AS updated_at
FROM scenarios
WHERE name = $name
