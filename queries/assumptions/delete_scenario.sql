DELETE FROM scenarios WHERE name = $name
