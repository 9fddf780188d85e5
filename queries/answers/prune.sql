-- Answers of data no longer loaded can never be asked for again; of the current data, the newest
-- questions stay while they are at most $keep and their bodies at most $max_bytes in all (a few
-- answers of several MB must not grow the file without bound). The running total is a self-join, not
-- a window aggregate (src/lib/server/db/window-guard.spec.ts): there are at most a few hundred keys.
WITH per_key AS (
	SELECT key, max(made) AS made, sum(length(body)) AS bytes
	FROM derived.answers
	WHERE version = $version
	GROUP BY key
),
running AS (
	SELECT a.key, count(*) AS n, sum(b.bytes) AS bytes
	FROM per_key a
	JOIN per_key b ON b.made >= a.made
	GROUP BY a.key
)
DELETE FROM derived.answers
WHERE version <> $version
	OR key IN (SELECT key FROM running WHERE n > $keep OR bytes > $max_bytes)
