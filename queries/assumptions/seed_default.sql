-- The "default" scenario and its activation, if this database has none yet.
INSERT INTO scenarios VALUES ($name, $assumptions, $at::TIMESTAMP, $at::TIMESTAMP) ON CONFLICT DO NOTHING;
