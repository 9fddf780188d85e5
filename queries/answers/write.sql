INSERT INTO derived.answers (version, key, body) VALUES ($version, $key, $body)
