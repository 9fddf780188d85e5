-- Is $id a customer? Its row in customers (with its name), for the customer filter's "No such customer"
-- state and the filter bar's name. $id is bound and matched exactly, as the filters match it.
SELECT customer_id, name FROM customers WHERE customer_id = $id LIMIT 1
