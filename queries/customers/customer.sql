-- One customer's row in customers, if any. The page's counts (lines, contacts, opportunities, first and
-- last order) come from the customer's orders, contacts and opportunities, which it reads anyway (see
-- src/lib/server/customers/customer.ts), so a customer_id that appears only in orders or contacts (a
-- reference warning at load) still has a page. $id is bound.
SELECT
    name, segment, region, industry, sales_rep,
    annual_wallet::DOUBLE AS annual_wallet
FROM customers
WHERE customer_id = $id
LIMIT 1
