UPDATE scenario_active SET name = $name WHERE id = 1
