-- Customer attributes the share-of-wallet attribution needs beyond the estimator's panel (which carries
-- segment and region): the sales rep and the name.
SELECT customer_id, sales_rep, name FROM customers
