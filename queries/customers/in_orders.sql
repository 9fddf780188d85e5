-- A customer_id missing from customers may still have order lines (a reference warning at load); such a
-- customer has figures and a page, so it is not "no such customer". Asked only after lookup.sql misses.
SELECT customer_id FROM order_lines WHERE customer_id = $id LIMIT 1
