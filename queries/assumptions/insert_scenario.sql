INSERT INTO scenarios (name, assumptions, created_at, updated_at, what_if) VALUES ($name, $assumptions, $at::TIMESTAMP, $at::TIMESTAMP, $what_if)
