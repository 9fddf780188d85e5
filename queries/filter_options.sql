-- Members of each filter dimension, for the filter bar's choices.
SELECT 'segment' AS dimension, segment AS value FROM (SELECT DISTINCT segment FROM customers WHERE segment IS NOT NULL)
UNION ALL SELECT 'region', region FROM (SELECT DISTINCT region FROM customers WHERE region IS NOT NULL)
UNION ALL SELECT 'category', category FROM (SELECT DISTINCT category FROM products WHERE category IS NOT NULL)
UNION ALL SELECT 'supplier', supplier FROM (SELECT DISTINCT supplier FROM products WHERE supplier IS NOT NULL)
ORDER BY 1, 2
