INSERT INTO assumption_changes VALUES ($at::TIMESTAMP, $scenario, $action, $key, $old_value, $new_value)
