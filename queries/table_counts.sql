-- Row counts of every canonical table, for the data page and the start script's "is it empty?" check.
SELECT 'customers' AS table_name, count(*) AS row_count FROM customers
UNION ALL SELECT 'products', count(*) FROM products
UNION ALL SELECT 'order_lines', count(*) FROM order_lines
UNION ALL SELECT 'inventory_snapshots', count(*) FROM inventory_snapshots
UNION ALL SELECT 'contacts', count(*) FROM contacts
UNION ALL SELECT 'opportunities', count(*) FROM opportunities
