-- Voice of the customer: backorder-related notes of the period, one quote per distinct note text (its
-- most telling instance), most telling first. Sources: contacts (DESIGN §3 rule, note not empty) and
-- deals lost to availability (loss notes). "Telling": escalated +2, CSAT ≤ 2 +2, CSAT 3 +1, a lost or
-- not-bid deal +2, then how often the same words were said, then recency. Grouped, not windowed: one
-- hash aggregation over the period's related notes.
-- Filters: $team ('service', 'sales', 'deals' or NULL), $channel (contacts only), $q a search term
-- matched case-insensitively in the reason and note (bound, never spliced); customer filters through
-- the customer; product filters through the contact's order (a note is quoted when its order has a line
-- on the filtered products, as queries/ledger/contacts.sql places it); a deal names no product, so
-- under a product filter no deal note is quoted.
-- The totals come from an aggregate joined to every row, not a window over (): DuckDB 1.5.5 can fail a
-- whole-partition window count on a filtered input with a fatal internal error that invalidates the database
-- (duckdb/duckdb#22846, #25713), and it did so in CI.
WITH shares AS (
    -- a contact's part on the filtered products, as the ledger counts it (derived.order_shares)
    SELECT s.order_id FROM derived.order_shares s
    WHERE derived.product_filtered($category, $supplier, $sku)
      AND derived.product_passes(s.category, s.supplier, s.sku, $category, $supplier, $sku)
),
-- the period's contacts under the filters, from the derived table (no join back to the raw contacts)
period_contacts AS (
    SELECT d.contact_id, d.contact_at, d.customer_id, d.team, d.channel, d.escalated, d.csat, d.bo_order, d.text_id
    FROM derived.contacts d
    WHERE d.contact_at >= $from::DATE AND d.contact_at < $to::DATE + INTERVAL 1 DAY
      AND ($team IS NULL OR d.team = $team)
      AND ($channel IS NULL OR coalesce(d.channel, 'other') = $channel)
      AND derived.customer_passes(d.segment, d.region, d.sales_rep, d.customer_id, $segment, $region, $sales_rep, $customer)
      AND (NOT derived.product_filtered($category, $supplier, $sku) OR d.order_id IN (SELECT order_id FROM shares))
),
-- their texts with a note, and the search, once per distinct text
texts AS (
    SELECT t.text_id, t.reason, t.note
    FROM derived.contact_texts t
    WHERE t.text_id IN (SELECT text_id FROM period_contacts)
      AND nullif(trim(t.note), '') IS NOT NULL
      AND ($q IS NULL OR contains(lower(coalesce(t.reason, '') || ' ' || t.note), lower($q)))
),
from_contacts AS (
    SELECT
        'contact' AS source, k.contact_id AS id, k.customer_id, c.name,
        strftime(k.contact_at, '%Y-%m-%d') AS date, k.team, coalesce(k.channel, 'other') AS channel,
        t.reason, t.note, coalesce(k.escalated, false) AS escalated, k.csat, NULL::DOUBLE AS amount, NULL::VARCHAR AS competitor,
        (2 * coalesce(k.escalated, false)::INT + CASE WHEN k.csat <= 2 THEN 2 WHEN k.csat = 3 THEN 1 ELSE 0 END) AS telling
    FROM period_contacts k
    JOIN texts t ON t.text_id = k.text_id
    LEFT JOIN customers c ON c.customer_id = k.customer_id
    WHERE derived.contact_related(k.bo_order, t.reason, t.note, $keyword_pattern)
),
from_deals AS (
    SELECT
        'deal' AS source, o.opportunity_id AS id, o.customer_id, c.name,
        strftime(o.closed_date, '%Y-%m-%d') AS date, 'deals' AS team, NULL AS channel,
        o.loss_reason AS reason, o.note, false AS escalated, NULL::INTEGER AS csat, o.amount::DOUBLE AS amount, o.competitor,
        2 AS telling
    FROM derived.lost_deals($from, $to, $segment, $region, $sales_rep, $customer, $keyword_pattern) o
    LEFT JOIN customers c ON c.customer_id = o.customer_id
    WHERE nullif(trim(o.note), '') IS NOT NULL
      AND ($team IS NULL OR $team = 'deals')
      AND derived.deals_in_scope($channel, $category, $supplier, $sku)
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
       t.total
FROM notes
CROSS JOIN (SELECT count(*)::DOUBLE AS total FROM notes) t
ORDER BY pick.telling DESC, said DESC, pick.date DESC, pick.id
LIMIT $limit OFFSET $offset
