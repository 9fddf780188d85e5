/**
 * The drivers tests' data set: the ledger fixture of src/lib/server/metrics/summary.spec.ts (every figure
 * computable by hand; period 2025-01-01..2025-03-31) plus sales reps and an order O7 with two backordered
 * lines of different suppliers and a contact about it, so a contact is split over products.
 */
export const DRIVERS_FIXTURE_SQL = `
INSERT INTO customers (customer_id, name, segment, region, sales_rep) VALUES
  ('C1', 'Alpha', 'Key', 'West', 'Ann'), ('C2', 'Beta', 'Core', 'East', 'Bob'), ('C3', '=Gamma', 'Key', 'East', 'Ann');
INSERT INTO products (sku, description, category, supplier, unit_cost) VALUES
  ('P1', 'Valve', 'Valves', 'Acme', 6), ('P2', 'Pump', 'Pumps', 'Bolt', 30), ('P3', 'Seal', NULL, NULL, 1);
INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, promised_date, ship_date, qty, unit_price, qty_backordered, backorder_filled_date, qty_cancelled) VALUES
  ('O1', 1, 'C1', 'P1', DATE '2025-01-01', DATE '2025-01-05', DATE '2025-01-04', 10, 10, 0, NULL, 0),
  ('O1', 2, 'C1', 'P2', DATE '2025-01-01', DATE '2025-01-05', DATE '2025-01-04', 2, 50, 1, DATE '2025-01-11', 0),
  ('O2', 1, 'C2', 'P1', DATE '2025-03-31', DATE '2025-04-02', NULL, 5, 10, 5, NULL, 2),
  ('O3', 1, 'C3', 'P2', DATE '2025-02-15', DATE '2025-02-20', DATE '2025-02-16', 4, 50, 2, DATE '2025-02-18', 0),
  ('O4', 1, 'C2', 'P1', DATE '2024-12-31', NULL, NULL, 100, 10, 10, NULL, 0),
  ('O5', 1, 'C1', 'P1', DATE '2025-04-01', NULL, NULL, 1, 10, 1, NULL, 0),
  ('O6', 1, 'C1', 'P2', DATE '2024-06-01', NULL, DATE '2024-06-02', 1, 50, 0, NULL, 0),
  ('O7', 1, 'C3', 'P1', DATE '2025-02-01', NULL, NULL, 3, 10, 3, NULL, 1),
  ('O7', 2, 'C3', 'P2', DATE '2025-02-01', NULL, NULL, 1, 50, 1, DATE '2025-02-09', 0),
  ('O7', 3, 'C3', 'P3', DATE '2025-02-01', NULL, DATE '2025-02-02', 7, 2, 0, NULL, 0),
  ('O8', 1, 'C2', 'P3', DATE '2025-03-01', NULL, DATE '2025-03-02', 1, 2, 1, NULL, 1);
INSERT INTO contacts (contact_id, customer_id, contact_at, team, channel, reason, note, order_id, minutes, escalated, csat) VALUES
  ('K1', 'C1', TIMESTAMP '2025-01-01 00:00:00', 'service', 'phone', 'ETA?', NULL, NULL, 5, true, 2),
  ('K2', 'C2', TIMESTAMP '2025-03-31 23:59:59', 'service', 'email', 'billing', NULL, 'O2', NULL, false, NULL),
  ('K3', 'C2', TIMESTAMP '2025-02-01 10:00:00', 'service', 'chat', 'beta program', 'metadata', 'O6', NULL, false, 5),
  ('K4', 'C3', TIMESTAMP '2025-04-01 00:00:00', 'service', 'phone', 'backorder', NULL, NULL, NULL, false, NULL),
  ('K5', 'C1', TIMESTAMP '2025-02-10 09:00:00', 'service', 'portal', 'other', 'stock-out again', 'O5', NULL, false, NULL),
  ('K6', 'C1', TIMESTAMP '2024-12-31 23:59:59', 'service', 'phone', 'backorder', NULL, NULL, NULL, false, NULL),
  ('K7', 'C3', TIMESTAMP '2025-03-01 12:00:00', 'service', 'visit', 'where is', 'my order', NULL, NULL, false, NULL),
  ('K8', 'C3', TIMESTAMP '2025-03-02 12:00:00', 'service', 'phone', NULL, NULL, 'O4', NULL, false, NULL),
  ('K9', 'C3', TIMESTAMP '2025-02-03 12:00:00', 'service', 'phone', 'where is it', NULL, 'O7', NULL, true, NULL),
  ('K10', 'C2', TIMESTAMP '2025-02-05 12:00:00', 'service', 'email', 'expedite please', NULL, 'O6', NULL, false, NULL),
  ('S1', 'C1', TIMESTAMP '2025-01-15 08:00:00', 'sales', 'phone', 'Expedite', NULL, NULL, 30, false, 4),
  ('S2', 'C2', TIMESTAMP '2025-02-15 08:00:00', 'sales', 'visit', NULL, 'Back order follow-up', NULL, NULL, false, NULL),
  ('S3', 'C3', TIMESTAMP '2025-03-15 08:00:00', 'sales', 'email', 'new quote', NULL, NULL, 45, false, NULL),
  ('S4', 'C1', TIMESTAMP '2025-03-20 08:00:00', 'sales', 'chat', 'follow up', NULL, 'O3', NULL, false, NULL),
  ('S5', 'C3', TIMESTAMP '2025-02-20 08:00:00', 'sales', 'phone', '@stock', NULL, 'O7', 20, false, NULL);
INSERT INTO opportunities (opportunity_id, customer_id, closed_date, amount, outcome, loss_reason, note) VALUES
  ('L1', 'C1', DATE '2025-01-01', 1000, 'lost', 'Lead time too long', NULL),
  ('L2', 'C2', DATE '2025-03-31', 500, 'no_bid', NULL, 'allocation issue'),
  ('L3', 'C3', DATE '2025-04-01', 9999, 'lost', 'stockout', NULL),
  ('L4', NULL, DATE '2025-02-11', 200, 'lost', 'shortage', NULL),
  ('W1', 'C1', DATE '2025-02-01', 700, 'won', NULL, 'won despite backorder');
INSERT INTO opportunities (opportunity_id, customer_id, closed_date, amount, outcome, loss_reason)
  SELECT 'W' || (i + 2), 'C2', DATE '2025-02-01', 100, 'won', NULL FROM range(9) t(i)
  UNION ALL SELECT 'X' || i, 'C2', DATE '2025-02-01', 100, 'lost', 'price' FROM range(10) t(i);
INSERT INTO inventory_snapshots (snapshot_date, sku, on_hand_qty, unit_cost) VALUES
  (DATE '2024-10-01', 'P1', 100, NULL), (DATE '2024-10-01', 'P2', 20, 25),
  (DATE '2025-01-01', 'P1', 50, NULL), (DATE '2025-01-01', 'P2', 10, NULL);
`;
