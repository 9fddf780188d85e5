-- The filters (DESIGN §4) and the backorder classification (DESIGN §3), written once. Every query in
-- queries/ledger/, queries/drivers/, queries/customers/ and queries/data/ calls these macros instead of
-- spelling the rules out. They are created in the in-memory `derived` catalog when the database opens
-- (src/lib/server/db/derived.ts), so they are never written to the file and a new version of a rule
-- needs no migration.
--
-- Filter arguments are the bound request parameters ($segment, $region, $sales_rep, $customer,
-- $category, $supplier, $sku): NULL means "no filter". Because they are constants when a statement
-- runs, `x IS NULL OR …` folds away and an unset filter costs nothing (checked in
-- src/lib/server/db/scope-macros.spec.ts with EXPLAIN). A set filter is never met by a NULL
-- attribute: rows of an unknown customer or SKU drop out under a filter of that kind, as a semi-join
-- against customers or products would drop them.
--
-- Parameters are named f_* so that a column of the same name in a macro body is never shadowed.

-- Whether any customer filter, or any product filter, is set.
CREATE OR REPLACE MACRO derived.customer_filtered(f_segment, f_region, f_sales_rep, f_customer) AS
    (f_segment IS NOT NULL OR f_region IS NOT NULL OR f_sales_rep IS NOT NULL OR f_customer IS NOT NULL);
CREATE OR REPLACE MACRO derived.product_filtered(f_category, f_supplier, f_sku) AS
    (f_category IS NOT NULL OR f_supplier IS NOT NULL OR f_sku IS NOT NULL);

-- Whether a customer's attributes (segment, region, sales rep, id) pass the customer filters.
CREATE OR REPLACE MACRO derived.customer_passes(a_segment, a_region, a_sales_rep, a_customer, f_segment, f_region, f_sales_rep, f_customer) AS
    (f_segment IS NULL OR a_segment = f_segment)
    AND (f_region IS NULL OR a_region = f_region)
    AND (f_sales_rep IS NULL OR a_sales_rep = f_sales_rep)
    AND (f_customer IS NULL OR a_customer = f_customer);

-- Whether a product's attributes (category, supplier, sku) pass the product filters.
CREATE OR REPLACE MACRO derived.product_passes(a_category, a_supplier, a_sku, f_category, f_supplier, f_sku) AS
    (f_category IS NULL OR a_category = f_category)
    AND (f_supplier IS NULL OR a_supplier = f_supplier)
    AND (f_sku IS NULL OR a_sku = f_sku);

-- For tables that carry only a customer_id or a sku (the canonical tables): whether the id passes. The
-- id filters compare the id itself (an id unknown to customers / products still passes its own filter,
-- as it does on the derived tables); the attribute filters probe customers / products, a semi-join
-- whose build side folds to an empty result when none of them is set (the guard is repeated inside the
-- subquery for that), so an unfiltered query probes nothing.
CREATE OR REPLACE MACRO derived.customer_in(a_customer, f_segment, f_region, f_sales_rep, f_customer) AS
    (f_customer IS NULL OR a_customer = f_customer)
    AND (NOT derived.customer_filtered(f_segment, f_region, f_sales_rep, NULL)
         OR a_customer IN (SELECT c.customer_id FROM customers c
                           WHERE derived.customer_filtered(f_segment, f_region, f_sales_rep, NULL)
                             AND derived.customer_passes(c.segment, c.region, c.sales_rep, NULL, f_segment, f_region, f_sales_rep, NULL)));
CREATE OR REPLACE MACRO derived.product_in(a_sku, f_category, f_supplier, f_sku) AS
    (f_sku IS NULL OR a_sku = f_sku)
    AND (NOT derived.product_filtered(f_category, f_supplier, NULL)
         OR a_sku IN (SELECT p.sku FROM products p
                      WHERE derived.product_filtered(f_category, f_supplier, NULL)
                        AND derived.product_passes(p.category, p.supplier, NULL, f_category, f_supplier, NULL)));

-- DESIGN §3, the text half: the reason and note read as one text (a line break between them, so a
-- phrase never spans the two) and the keyword pattern (an editable assumption, bound per request).
CREATE OR REPLACE MACRO derived.reason_text(a_reason, a_note) AS
    coalesce(a_reason, '') || chr(10) || coalesce(a_note, '');
CREATE OR REPLACE MACRO derived.text_related(a_reason, a_note, keyword_pattern) AS
    regexp_matches(derived.reason_text(a_reason, a_note), keyword_pattern);

-- DESIGN §3 for a contact: a keyword in its reason or note, or its order has a backordered line
-- (a_bo_order: derived.contacts.bo_order, or a probe of derived.bo_lines).
CREATE OR REPLACE MACRO derived.contact_related(a_bo_order, a_reason, a_note, keyword_pattern) AS
    (coalesce(a_bo_order, false) OR derived.text_related(a_reason, a_note, keyword_pattern));

-- A deal lost to availability: lost or not bid, with a keyword in its loss reason or note.
CREATE OR REPLACE MACRO derived.deal_lost_to_availability(a_outcome, a_loss_reason, a_note, keyword_pattern) AS
    (a_outcome IN ('lost', 'no_bid') AND derived.text_related(a_loss_reason, a_note, keyword_pattern));

-- A deal lost to availability counts under the filters only when no product filter (an opportunity
-- names no product) and no contact channel (the drivers' channel pick) is set.
CREATE OR REPLACE MACRO derived.deals_in_scope(f_channel, f_category, f_supplier, f_sku) AS
    (f_channel IS NULL AND NOT derived.product_filtered(f_category, f_supplier, f_sku));

-- The first and last day of a period's whole calendar months: the derived tables hold whole months, and
-- the days outside them (the period's edge days) are read from the lines. When the period holds no whole
-- month, whole_from > whole_to, so no month matches and every day is an edge day. Being macros they are
-- expanded in place, so the edge-day bounds still reach the scan of order_lines as range filters.
CREATE OR REPLACE MACRO derived.whole_from(f_from) AS
    CASE WHEN f_from::DATE = date_trunc('month', f_from::DATE) THEN f_from::DATE
         ELSE (date_trunc('month', f_from::DATE) + INTERVAL 1 MONTH)::DATE END;
CREATE OR REPLACE MACRO derived.whole_to(f_to) AS
    CASE WHEN f_to::DATE = last_day(f_to::DATE) THEN f_to::DATE
         ELSE (date_trunc('month', f_to::DATE) - INTERVAL 1 DAY)::DATE END;

-- The deals lost to availability closed in the period, within the customer filters (an opportunity
-- names no product: whether a product filter can reach them is derived.deals_in_scope).
CREATE OR REPLACE MACRO derived.lost_deals(f_from, f_to, f_segment, f_region, f_sales_rep, f_customer, keyword_pattern) AS TABLE
SELECT o.*
FROM opportunities o
WHERE o.closed_date BETWEEN f_from::DATE AND f_to::DATE
  AND derived.customer_in(o.customer_id, f_segment, f_region, f_sales_rep, f_customer)
  AND derived.deal_lost_to_availability(o.outcome, o.loss_reason, o.note, keyword_pattern);
