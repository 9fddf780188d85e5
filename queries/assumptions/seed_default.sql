-- The "default" scenario and its activation, if this database has none yet.
INSERT INTO scenarios (name, assumptions, created_at, updated_at) VALUES ($name, $assumptions, $at::TIMESTAMP, $at::TIMESTAMP) ON CONFLICT DO NOTHING;
