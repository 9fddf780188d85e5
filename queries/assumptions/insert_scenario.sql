INSERT INTO scenarios VALUES ($name, $assumptions, $at::TIMESTAMP, $at::TIMESTAMP)
