-- One customer's header: the customers row (if any) and counts over all of its data, so a customer_id
-- that appears only in orders or contacts (a reference warning at load) still has a page. $id is bound.
WITH o AS (
    SELECT count(*) AS lines,
           count(*) FILTER (WHERE qty_backordered > 0) AS backordered_lines,
           min(order_date) AS first_order,
           max(order_date) AS last_order
    FROM order_lines WHERE customer_id = $id
),
k AS (SELECT count(*) AS contacts FROM contacts WHERE customer_id = $id),
p AS (SELECT count(*) AS opportunities FROM opportunities WHERE customer_id = $id)
SELECT
    $id AS customer_id,
    c.customer_id IS NOT NULL AS in_customers,
    c.name, c.segment, c.region, c.industry, c.sales_rep,
    c.annual_wallet::DOUBLE AS annual_wallet,
    o.lines::DOUBLE AS lines,
    o.backordered_lines::DOUBLE AS backordered_lines,
    strftime(o.first_order, '%Y-%m-%d') AS first_order,
    strftime(o.last_order, '%Y-%m-%d') AS last_order,
    k.contacts::DOUBLE AS contacts,
    p.opportunities::DOUBLE AS opportunities
FROM o, k, p
LEFT JOIN customers c ON c.customer_id = $id
