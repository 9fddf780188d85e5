-- Contacts of the period (contact_at on $from..$to, inclusive) grouped by team, channel and whether they
-- are backorder-related (DESIGN §3, derived.contact_related), with counts and minute sums per channel, so
-- costs are multiplied by the assumptions in TypeScript and an edited assumption needs no new query.
-- Grouped by month too, so the same rows give the period's figures (summed) and the monthly trend.
--
-- Scope (DESIGN §4): customer filters apply through the contact's customer. Product filters reach a
-- contact through its order: under one, only contacts whose order has lines passing them are read, each
-- with its share w of that order's lines passing them (derived.order_shares; the shares of an order add
-- up to 1, so a contact is never counted twice over a partition of the products). The contacts that no
-- order line can place (placeable = false) are the same under every product filter: they are this
-- query's rows without the product filters, not attributable (ledgerContacts in src/lib/server/metrics/summary.ts puts
-- the two together, so a product filter's answer reads the placed contacts only).
WITH shares AS (
    SELECT s.order_id, sum(s.w) AS w
    FROM derived.order_shares s
    WHERE derived.product_filtered($category, $supplier, $sku)
      AND derived.product_passes(s.category, s.supplier, s.sku, $category, $supplier, $sku)
    GROUP BY s.order_id
),
kept AS (
    SELECT strftime(k.contact_at, '%Y-%m-01') AS month,
           k.team, k.channel, k.bo_order, k.text_id, k.minutes, k.escalated, k.csat, k.placeable,
           coalesce(s.w, 1.0) AS w
    FROM derived.contacts k
    LEFT JOIN shares s ON s.order_id = k.order_id
    WHERE k.contact_at >= $from::DATE
      AND k.contact_at < $to::DATE + INTERVAL 1 DAY
      AND derived.customer_passes(k.segment, k.region, k.sales_rep, k.customer_id, $segment, $region, $sales_rep, $customer)
      AND (NOT derived.product_filtered($category, $supplier, $sku) OR s.order_id IS NOT NULL)
),
-- the keyword test, once per distinct text of the period's contacts
matched AS (
    SELECT t.text_id, derived.text_related(t.reason, t.note, $keyword_pattern) AS hit
    FROM derived.contact_texts t
    WHERE t.text_id IN (SELECT text_id FROM kept WHERE NOT bo_order)
)
SELECT
    k.month,
    k.team,
    coalesce(k.channel, 'other') AS channel,
    (k.bo_order OR coalesce(m.hit, false))                    AS backorder_related,
    k.placeable,
    sum(k.w)::DOUBLE                                          AS contacts,
    coalesce(sum(k.w) FILTER (WHERE k.escalated), 0)::DOUBLE  AS escalated,
    coalesce(sum(k.w * k.minutes), 0)::DOUBLE                 AS minutes,
    coalesce(sum(k.w) FILTER (WHERE k.minutes IS NULL), 0)::DOUBLE AS minutes_missing,
    coalesce(sum(k.w * k.csat), 0)::DOUBLE                    AS csat_sum,
    coalesce(sum(k.w) FILTER (WHERE k.csat IS NOT NULL), 0)::DOUBLE AS csat_count
FROM kept k
LEFT JOIN matched m ON m.text_id = k.text_id
GROUP BY ALL
ORDER BY ALL
