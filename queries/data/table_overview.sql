-- Row counts and the date range of each canonical table (by its main date column), for the data page.
SELECT 'customers' AS table_name, count(*)::DOUBLE AS row_count, NULL::VARCHAR AS date_column, NULL::VARCHAR AS first_date, NULL::VARCHAR AS last_date FROM customers
UNION ALL SELECT 'products', count(*)::DOUBLE, NULL, NULL, NULL FROM products
UNION ALL SELECT 'order_lines', count(*)::DOUBLE, 'order_date', min(order_date)::VARCHAR, max(order_date)::VARCHAR FROM order_lines
UNION ALL SELECT 'inventory_snapshots', count(*)::DOUBLE, 'snapshot_date', min(snapshot_date)::VARCHAR, max(snapshot_date)::VARCHAR FROM inventory_snapshots
UNION ALL SELECT 'contacts', count(*)::DOUBLE, 'contact_at', strftime(min(contact_at), '%Y-%m-%d'), strftime(max(contact_at), '%Y-%m-%d') FROM contacts
UNION ALL SELECT 'opportunities', count(*)::DOUBLE, 'closed_date', min(closed_date)::VARCHAR, max(closed_date)::VARCHAR FROM opportunities
UNION ALL SELECT 'shipments', count(*)::DOUBLE, 'ship_date', min(ship_date)::VARCHAR, max(ship_date)::VARCHAR FROM shipments
