-- What share of contacts and opportunities the keyword rule classifies as backorder-related, by reason
-- value (contacts: reason; opportunities: loss_reason), over all loaded rows. A row counts when its reason
-- or its note matches (DESIGN §3). The largest reason values first; the page lists the top ones.
WITH k AS (
    SELECT reason AS value,
           derived.text_related(reason, note, $keyword_pattern) AS hit,
           derived.text_related(reason, NULL, $keyword_pattern) AS by_reason
    FROM contacts
),
o AS (
    SELECT loss_reason AS value,
           derived.text_related(loss_reason, note, $keyword_pattern) AS hit,
           derived.text_related(loss_reason, NULL, $keyword_pattern) AS by_reason
    FROM opportunities
)
SELECT 'contacts' AS source, value, count(*)::DOUBLE AS rows, count(*) FILTER (WHERE hit)::DOUBLE AS matched,
       bool_or(by_reason) AS reason_matches
FROM k GROUP BY ALL
UNION ALL
SELECT 'opportunities', value, count(*)::DOUBLE, count(*) FILTER (WHERE hit)::DOUBLE, bool_or(by_reason)
FROM o GROUP BY ALL
ORDER BY source, rows DESC, value NULLS LAST
LIMIT 2000
