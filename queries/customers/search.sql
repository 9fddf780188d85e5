-- Type-ahead over every customer, by id or name (the filter bar's customer box). $q is the typed text,
-- already lower-cased and trimmed by the caller; $limit caps the rows. Ranked: the exact id, then an exact
-- name, then ids or names that start with the text, then names with a word starting with it, then any id
-- or name that contains it. strpos/starts_with take the text literally: % and _ are not wildcards.
WITH c AS (
    SELECT customer_id, name, segment, region,
        lower(customer_id) AS lid, lower(coalesce(name, '')) AS lname
    FROM customers
)
SELECT customer_id, name, segment, region,
    CASE
        WHEN lid = $q THEN 0
        WHEN lname = $q THEN 1
        WHEN starts_with(lid, $q) OR starts_with(lname, $q) THEN 2
        WHEN strpos(lname, ' ' || $q) > 0 THEN 3
        ELSE 4
    END AS rank
FROM c
WHERE strpos(lid, $q) > 0 OR strpos(lname, $q) > 0
ORDER BY rank, lname, customer_id
LIMIT $limit
