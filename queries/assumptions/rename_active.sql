-- A rename of the active scenario keeps it active under its new name.
UPDATE scenario_active SET name = $new_name WHERE name = $name
