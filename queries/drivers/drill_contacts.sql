-- Drill-down: the backorder-related contacts behind a breakdown figure (derived.scoped_contacts: within
-- the filters' reach), with the share of each contact the member carries (1, or its part on products) and
-- its cost at the scenario's prices: service = share·(channel cost + escalation cost if escalated),
-- sales = share·hours·(loaded rate + margin per selling hour), hours = coalesce(minutes, default
-- minutes of the channel)/60. The prices are bound ($cc_<channel>, $escalation_cost, $dm_<channel>,
-- $sales_hour_cost), so the rows add up to the member's service + sales costs.
-- Searchable and paged as drill_lines.sql.
-- The totals come from an aggregate joined to every row, not a window over (): DuckDB 1.5.5 can fail a
-- whole-partition window count on a filtered input with a fatal internal error that invalidates the database
-- (duckdb/duckdb#22846, #25713), and it did so in CI.
WITH members AS (
    SELECT __ATTRIBUTED__ AS attributed, __MEMBER__ AS member, k.*, x.reason, x.note
    FROM derived.scoped_contacts($from, $to, $channel, $segment, $region, $sales_rep, $customer, $category, $supplier, $sku, $keyword_pattern, $split) k
    JOIN contacts x ON x.contact_id = k.contact_id
    LEFT JOIN customers c ON c.customer_id = k.customer_id
),
picked AS (
    -- the member asked for: $all (every row), or the unattributed rows ($unattributed), or one member
-- ($member; NULL = the members without a value)
    SELECT contact_id, any_value(customer_id) AS customer_id, any_value(contact_at) AS contact_at, any_value(team) AS team,
           any_value(channel) AS channel, any_value(order_id) AS order_id, any_value(minutes) AS minutes,
           any_value(escalated) AS escalated, any_value(reason) AS reason, any_value(note) AS note, sum(w) AS share
    FROM members
    WHERE ($all OR (NOT attributed AND $unattributed) OR (attributed AND NOT $unattributed AND member IS NOT DISTINCT FROM $member))
    GROUP BY contact_id
),
priced AS (
    SELECT m.*, c.name AS customer_name,
        CASE m.channel WHEN 'phone' THEN $cc_phone WHEN 'email' THEN $cc_email WHEN 'chat' THEN $cc_chat
             WHEN 'portal' THEN $cc_portal WHEN 'visit' THEN $cc_visit ELSE $cc_other END AS channel_cost,
        CASE m.channel WHEN 'phone' THEN $dm_phone WHEN 'email' THEN $dm_email WHEN 'chat' THEN $dm_chat
             WHEN 'portal' THEN $dm_portal WHEN 'visit' THEN $dm_visit ELSE $dm_other END AS default_minutes
    FROM picked m
    LEFT JOIN customers c ON c.customer_id = m.customer_id
    WHERE ($q_pattern IS NULL OR concat_ws(' ', m.contact_id, m.customer_id, c.name, m.order_id, m.reason, m.note, m.channel, m.team) ILIKE $q_pattern ESCAPE '\')
),
costed AS (
    SELECT *,
        CASE WHEN team = 'service' THEN share * (channel_cost + CASE WHEN escalated THEN $escalation_cost ELSE 0 END)
             ELSE share * coalesce(minutes, default_minutes) / 60 * $sales_hour_cost END AS cost
    FROM priced
)
SELECT
    contact_id, strftime(contact_at, '%Y-%m-%d %H:%M') AS contact_at, customer_id, customer_name, team, channel,
    reason, note, order_id, minutes::DOUBLE AS minutes, escalated, share::DOUBLE AS share, cost::DOUBLE AS cost,
    t.total_rows, t.total_cost, t.total_value
FROM costed
CROSS JOIN (SELECT count(*)::DOUBLE AS total_rows, sum(cost)::DOUBLE AS total_cost, sum(share)::DOUBLE AS total_value FROM costed) t
ORDER BY cost DESC, contact_at, contact_id
LIMIT $limit OFFSET $offset
