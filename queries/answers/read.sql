-- One kept answer: the newest for this data version and question.
SELECT body
FROM derived.answers
WHERE version = $version AND key = $key
ORDER BY made DESC
LIMIT 1
