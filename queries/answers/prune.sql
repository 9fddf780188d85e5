-- Answers of data no longer loaded can never be asked for again; of the current data, the newest
-- $keep questions stay.
DELETE FROM derived.answers
WHERE version <> $version
	OR key IN (
		SELECT key FROM derived.answers
		WHERE version = $version
		GROUP BY key
		ORDER BY max(made) DESC
		OFFSET $keep
	)
