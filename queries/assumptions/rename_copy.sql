-- A rename, step 1: the scenario under its new name (the old row is deleted next; the key cannot be updated in place).
INSERT INTO scenarios (name, assumptions, created_at, updated_at, what_if)
SELECT $new_name, assumptions, created_at, $at::TIMESTAMP, what_if FROM scenarios WHERE name = $name
