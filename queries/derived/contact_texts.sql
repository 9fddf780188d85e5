-- The distinct texts the keyword rule reads (reason, a line break, note), each with a number. The rule
-- (an assumption, so not fixed here) then runs once per distinct text instead of once per contact:
-- reason codes and templated notes repeat, so there are far fewer texts than contacts.
CREATE OR REPLACE TABLE derived.contact_texts AS
SELECT row_number() OVER (ORDER BY txt)::INTEGER AS text_id, txt
FROM (SELECT DISTINCT coalesce(reason, '') || chr(10) || coalesce(note, '') AS txt FROM contacts)
