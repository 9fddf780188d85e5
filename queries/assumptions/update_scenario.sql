UPDATE scenarios SET assumptions = $assumptions, updated_at = $at::TIMESTAMP WHERE name = $name
