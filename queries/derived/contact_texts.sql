-- The distinct (reason, note) pairs the keyword rule reads, each with a number. The rule (an assumption,
-- so not fixed here) then runs once per distinct text instead of once per contact: reason codes and
-- templated notes repeat, so there are far fewer texts than contacts.
CREATE OR REPLACE TABLE derived.contact_texts AS
SELECT row_number() OVER (ORDER BY reason, note)::INTEGER AS text_id, reason, note
FROM (SELECT DISTINCT reason, note FROM contacts)
