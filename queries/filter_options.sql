-- Members of each filter dimension, for the filter bar's choices. Customers come with their name as the
-- label, the first 2000 by name (a larger base is still filterable by typing a customer id).
SELECT dimension, value, label FROM (
    SELECT 'segment' AS dimension, segment AS value, NULL::VARCHAR AS label FROM (SELECT DISTINCT segment FROM customers WHERE segment IS NOT NULL)
    UNION ALL SELECT 'region', region, NULL FROM (SELECT DISTINCT region FROM customers WHERE region IS NOT NULL)
    UNION ALL SELECT 'category', category, NULL FROM (SELECT DISTINCT category FROM products WHERE category IS NOT NULL)
    UNION ALL SELECT 'supplier', supplier, NULL FROM (SELECT DISTINCT supplier FROM products WHERE supplier IS NOT NULL)
    UNION ALL SELECT 'sales_rep', sales_rep, NULL FROM (SELECT DISTINCT sales_rep FROM customers WHERE sales_rep IS NOT NULL)
)
UNION ALL
(SELECT 'customer', customer_id, coalesce(name, customer_id) FROM customers ORDER BY name NULLS LAST, customer_id LIMIT 2000)
ORDER BY 1, 2
