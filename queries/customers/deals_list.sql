-- The deals lost to availability (selection as queries/ledger/deals_lost.sql), newest first, one page:
-- $limit rows from $offset, with the total count on every row.
SELECT
    o.opportunity_id,
    o.customer_id,
    c.name,
    strftime(o.closed_date, '%Y-%m-%d') AS closed_date,
    o.amount::DOUBLE AS amount,
    o.outcome,
    o.loss_reason,
    o.competitor,
    o.note,
    count(*) OVER ()::DOUBLE AS total
FROM opportunities o
LEFT JOIN customers c ON c.customer_id = o.customer_id
WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
  AND o.outcome IN ('lost', 'no_bid')
  AND ($segment IS NULL OR c.segment = $segment)
  AND ($region IS NULL OR c.region = $region)
  AND regexp_matches(coalesce(o.loss_reason, '') || chr(10) || coalesce(o.note, ''), $keyword_pattern)
ORDER BY o.closed_date DESC, o.amount DESC, o.opportunity_id
LIMIT $limit OFFSET $offset
