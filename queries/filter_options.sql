-- Members of each filter dimension, for the filter bar's choices. Customers are not listed here: there
-- may be 50k of them, so the customer box asks /api/customers/search (queries/customers/search.sql).
SELECT dimension, value, label FROM (
    SELECT 'segment' AS dimension, segment AS value, NULL::VARCHAR AS label FROM (SELECT DISTINCT segment FROM customers WHERE segment IS NOT NULL)
    UNION ALL SELECT 'region', region, NULL FROM (SELECT DISTINCT region FROM customers WHERE region IS NOT NULL)
    UNION ALL SELECT 'category', category, NULL FROM (SELECT DISTINCT category FROM products WHERE category IS NOT NULL)
    UNION ALL SELECT 'supplier', supplier, NULL FROM (SELECT DISTINCT supplier FROM products WHERE supplier IS NOT NULL)
    UNION ALL SELECT 'sales_rep', sales_rep, NULL FROM (SELECT DISTINCT sales_rep FROM customers WHERE sales_rep IS NOT NULL)
)
ORDER BY 1, 2
