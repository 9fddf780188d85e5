-- Every distinct reason value of contacts (reason) and opportunities (loss_reason) with its row count,
-- over all loaded rows: the assumptions page matches draft keywords against these live in the browser
-- (with the same matcher as the SQL), and the data page shows the share each classifies.
SELECT 'contacts' AS source, reason AS value, count(*)::DOUBLE AS rows
FROM contacts
WHERE reason IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT 'opportunities', loss_reason, count(*)::DOUBLE
FROM opportunities
WHERE loss_reason IS NOT NULL
GROUP BY ALL
ORDER BY source, rows DESC, value
LIMIT 2000
