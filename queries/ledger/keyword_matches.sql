-- Which reason values the keyword rule matched, and how many rows each (DESIGN §3: "the UI shows which
-- reason values matched"), for contacts (reason; notes counted apart, being free text) and opportunities
-- (loss_reason; notes apart). Period and customer filters apply; product filters do not. The keyword
-- test is derived.text_related applied to the reason alone and to the note alone.
WITH k AS (
    SELECT
        k.reason,
        derived.text_related(k.reason, NULL, $keyword_pattern) AS by_reason,
        derived.text_related(NULL, k.note, $keyword_pattern) AS by_note
    FROM contacts k
    WHERE k.contact_at >= $from::DATE
      AND k.contact_at < $to::DATE + INTERVAL 1 DAY
      AND derived.customer_in(k.customer_id, $segment, $region, $sales_rep, $customer)
),
o AS (
    SELECT
        o.loss_reason,
        derived.text_related(o.loss_reason, NULL, $keyword_pattern) AS by_reason,
        derived.text_related(NULL, o.note, $keyword_pattern) AS by_note
    FROM opportunities o
    WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
      AND derived.customer_in(o.customer_id, $segment, $region, $sales_rep, $customer)
)
SELECT 'contacts' AS source, 'reason' AS field, reason AS value, count(*)::DOUBLE AS rows FROM k WHERE by_reason GROUP BY ALL
UNION ALL
SELECT 'contacts', 'note', NULL, count(*)::DOUBLE FROM k WHERE by_note AND NOT by_reason
UNION ALL
SELECT 'opportunities', 'loss_reason', loss_reason, count(*)::DOUBLE FROM o WHERE by_reason GROUP BY ALL
UNION ALL
SELECT 'opportunities', 'note', NULL, count(*)::DOUBLE FROM o WHERE by_note AND NOT by_reason
ORDER BY source, field, rows DESC, value
LIMIT 1000
