-- First and last order date of the whole extract: which months have full data is a property of the
-- load, not of the filters, so no filter applies here.
SELECT strftime(min(order_date), '%Y-%m-%d') AS first_date,
       strftime(max(order_date), '%Y-%m-%d') AS last_date
FROM order_lines
