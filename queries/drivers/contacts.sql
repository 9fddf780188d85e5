-- Breakdown source 2 of 3: the period's backorder-related contacts within the filters
-- (derived.scoped_contacts), per member, by team and channel, with counts and minute sums weighted by
-- each contact's share w, so the assumptions price them in TypeScript. $split places contacts on the
-- SKUs of their orders (a product dimension). Template tokens as in lines.sql; aliases: k = a contact's
-- row (k.line_sku / line_category / line_supplier: the product it is placed on), c = its customer.
-- `placed`: whether the rows are contacts placed on products (src/lib/server/drivers/breakdown.ts takes
-- the unplaced ones of the customer filters' rows as not attributable under a product filter).
SELECT
    __ATTRIBUTED__ AS attributed,
    __MEMBER__ AS member,
    __MEMBER2__ AS member2,
    __LABEL__ AS label,
    k.placed,
    k.team,
    k.channel,
    sum(k.w)::DOUBLE AS contacts,
    coalesce(sum(k.w) FILTER (WHERE k.escalated), 0)::DOUBLE AS escalated,
    coalesce(sum(k.w * k.minutes), 0)::DOUBLE AS minutes,
    coalesce(sum(k.w) FILTER (WHERE k.minutes IS NULL), 0)::DOUBLE AS minutes_missing
FROM derived.scoped_contacts($from, $to, $channel, $segment, $region, $sales_rep, $customer, $category, $supplier, $sku, $keyword_pattern, $split) k
LEFT JOIN customers c ON c.customer_id = k.customer_id
GROUP BY ALL
