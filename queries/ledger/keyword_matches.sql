-- Which reason values the keyword rule matched, and how many rows each (DESIGN §3: "the UI shows which
-- reason values matched"), for contacts (reason; notes counted apart, being free text) and opportunities
-- (loss_reason; notes apart). Period and customer filters apply; product filters do not.
WITH k AS (
    SELECT
        k.reason,
        regexp_matches(coalesce(k.reason, ''), $keyword_pattern) AS by_reason,
        regexp_matches(coalesce(k.note, ''), $keyword_pattern) AS by_note
    FROM contacts k
    LEFT JOIN customers c ON c.customer_id = k.customer_id
    WHERE k.contact_at >= $from::DATE
      AND k.contact_at < $to::DATE + INTERVAL 1 DAY
      AND ($segment IS NULL OR c.segment = $segment)
      AND ($region IS NULL OR c.region = $region)
      AND ($sales_rep IS NULL OR c.sales_rep = $sales_rep)
      AND ($customer IS NULL OR k.customer_id = $customer)
),
o AS (
    SELECT
        o.loss_reason,
        regexp_matches(coalesce(o.loss_reason, ''), $keyword_pattern) AS by_reason,
        regexp_matches(coalesce(o.note, ''), $keyword_pattern) AS by_note
    FROM opportunities o
    LEFT JOIN customers c ON c.customer_id = o.customer_id
    WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
      AND ($segment IS NULL OR c.segment = $segment)
      AND ($region IS NULL OR c.region = $region)
      AND ($sales_rep IS NULL OR c.sales_rep = $sales_rep)
      AND ($customer IS NULL OR o.customer_id = $customer)
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
