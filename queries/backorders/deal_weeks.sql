-- The measured availability loss rate's parts: the period's closed deals (closed_date in $from..$to) with
-- a created_date, their weeks open (closed − created, over 7) and how many of them were lost to
-- availability (derived.deal_lost_to_availability). Whole period, all customers: the rate every line is
-- priced at.
SELECT coalesce(sum(greatest(date_diff('day', o.created_date, o.closed_date), 0)), 0)::DOUBLE / 7 AS deal_weeks,
       count(*)::DOUBLE AS deals,
       count(*) FILTER (WHERE derived.deal_lost_to_availability(o.outcome, o.loss_reason, o.note, $keyword_pattern))::DOUBLE AS lost_to_availability
FROM opportunities o
WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
  AND o.created_date IS NOT NULL
