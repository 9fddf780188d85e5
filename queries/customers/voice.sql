-- Voice of the customer: backorder-related notes of the period, one quote per distinct note text (its
-- most telling instance), most telling first. Sources: contacts (DESIGN §3 rule, note not empty) and
-- deals lost to availability (loss notes). "Telling": escalated +2, CSAT ≤ 2 +2, CSAT 3 +1, a lost or
-- not-bid deal +2, then how often the same words were said, then recency. Grouped, not windowed: one
-- hash aggregation over the period's related notes.
-- Filters: $team ('service', 'sales', 'deals' or NULL), $channel (contacts only), $q a search term
-- matched case-insensitively in the reason and note (bound, never spliced); customer filters through
-- the customer; product filters through the contact's order as in queries/ledger/contacts.sql.
WITH backordered_orders AS (
    SELECT DISTINCT order_id FROM order_lines WHERE qty_backordered > 0
),
product_orders AS (
    SELECT DISTINCT ol.order_id
    FROM order_lines ol JOIN products p ON p.sku = ol.sku
    WHERE ($category IS NOT NULL OR $supplier IS NOT NULL)
      AND ($category IS NULL OR p.category = $category)
      AND ($supplier IS NULL OR p.supplier = $supplier)
),
from_contacts AS (
    SELECT
        'contact' AS source, k.contact_id AS id, k.customer_id, c.name,
        strftime(k.contact_at, '%Y-%m-%d') AS date, k.team, coalesce(k.channel, 'other') AS channel,
        k.reason, k.note, coalesce(k.escalated, false) AS escalated, k.csat, NULL::DOUBLE AS amount, NULL::VARCHAR AS competitor,
        (2 * coalesce(k.escalated, false)::INT + CASE WHEN k.csat <= 2 THEN 2 WHEN k.csat = 3 THEN 1 ELSE 0 END) AS telling
    FROM contacts k
    LEFT JOIN customers c ON c.customer_id = k.customer_id
    LEFT JOIN backordered_orders bo ON bo.order_id = k.order_id
    WHERE k.contact_at >= $from::DATE AND k.contact_at < $to::DATE + INTERVAL 1 DAY
      AND nullif(trim(k.note), '') IS NOT NULL
      AND ($team IS NULL OR k.team = $team)
      AND ($channel IS NULL OR coalesce(k.channel, 'other') = $channel)
      AND ($segment IS NULL OR c.segment = $segment)
      AND ($region IS NULL OR c.region = $region)
      AND (($category IS NULL AND $supplier IS NULL) OR k.order_id IN (SELECT order_id FROM product_orders))
      AND (bo.order_id IS NOT NULL
           OR regexp_matches(coalesce(k.reason, '') || chr(10) || coalesce(k.note, ''), $keyword_pattern))
      AND ($q IS NULL OR contains(lower(coalesce(k.reason, '') || ' ' || k.note), lower($q)))
),
from_deals AS (
    SELECT
        'deal' AS source, o.opportunity_id AS id, o.customer_id, c.name,
        strftime(o.closed_date, '%Y-%m-%d') AS date, 'deals' AS team, NULL AS channel,
        o.loss_reason AS reason, o.note, false AS escalated, NULL::INTEGER AS csat, o.amount::DOUBLE AS amount, o.competitor,
        2 AS telling
    FROM opportunities o
    LEFT JOIN customers c ON c.customer_id = o.customer_id
    WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
      AND o.outcome IN ('lost', 'no_bid')
      AND nullif(trim(o.note), '') IS NOT NULL
      AND ($team IS NULL OR $team = 'deals')
      AND $channel IS NULL
      AND ($segment IS NULL OR c.segment = $segment)
      AND ($region IS NULL OR c.region = $region)
      AND regexp_matches(coalesce(o.loss_reason, '') || chr(10) || coalesce(o.note, ''), $keyword_pattern)
      AND ($q IS NULL OR contains(lower(coalesce(o.loss_reason, '') || ' ' || o.note), lower($q)))
),
all_notes AS (
    SELECT * FROM from_contacts UNION ALL SELECT * FROM from_deals
),
-- one group per distinct note text; its most telling instance (then newest, then highest id) as a struct
notes AS (
    SELECT
        arg_max({'source': source, 'id': id, 'customer_id': customer_id, 'name': name, 'date': date, 'team': team,
                 'channel': channel, 'reason': reason, 'note': note, 'escalated': escalated, 'csat': csat,
                 'amount': amount, 'competitor': competitor, 'telling': telling},
                {'telling': telling, 'date': date, 'id': id}) AS pick,
        count(*) AS said,
        count(DISTINCT customer_id) AS customers
    FROM all_notes
    GROUP BY lower(trim(note))
)
SELECT pick.source, pick.id, pick.customer_id, pick.name, pick.date, pick.team, pick.channel, pick.reason, pick.note,
       pick.escalated, pick.csat, pick.amount, pick.competitor,
       pick.telling::DOUBLE AS telling, said::DOUBLE AS said, customers::DOUBLE AS customers,
       count(*) OVER ()::DOUBLE AS total
FROM notes
ORDER BY pick.telling DESC, said DESC, pick.date DESC, pick.id
LIMIT $limit OFFSET $offset
