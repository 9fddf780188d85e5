-- Breakdown source 3 of 3: deals lost to availability (derived.deal_lost_to_availability) closed in the
-- period, within the customer filters, per member. An opportunity names a customer, not a product or a
-- channel: under a product filter or a channel pick the deals come back with in_scope = false (not
-- attributable), and product and channel dimensions cannot place them. Aliases: o, c = its customer.
SELECT
    __ATTRIBUTED__ AS attributed,
    __MEMBER__ AS member,
    __MEMBER2__ AS member2,
    __LABEL__ AS label,
    derived.deals_in_scope($channel, $category, $supplier, $sku) AS in_scope,
    count(*)::DOUBLE AS lost_deals,
    coalesce(sum(o.amount), 0)::DOUBLE AS lost_value
FROM derived.lost_deals($from, $to, $segment, $region, $sales_rep, $customer, $keyword_pattern) o
LEFT JOIN customers c ON c.customer_id = o.customer_id
GROUP BY ALL
