import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, queryRows, withConnection } from '$lib/server/db';

process.env.LEDGER_DB = ':memory:';

beforeAll(() =>
	withConnection((c) =>
		c.run(`
INSERT INTO products (sku, category, supplier, unit_cost, lead_time_days) VALUES
  ('P1', 'Valves', 'Acme', 10, 9), ('P2', 'Valves', 'Acme', 5, NULL), ('P3', 'Pumps', 'Bolt', 7, 4);
INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, qty, unit_price) VALUES
  ('O1', 1, 'C1', 'P1', DATE '2025-01-01', 10, 1), ('O2', 1, 'C2', 'P1', DATE '2025-01-01', 5, 1),
  ('O3', 1, 'C1', 'P1', DATE '2025-01-03', 5, 1), ('O4', 1, 'C1', 'P1', DATE '2025-01-11', 500, 1),
  ('O5', 1, 'C1', 'P3', DATE '2025-01-02', 3, 1);
INSERT INTO inventory_snapshots (snapshot_date, sku, on_hand_qty, unit_cost) VALUES
  (DATE '2024-12-31', 'P1', 100, NULL), (DATE '2025-01-05', 'P1', 40, 12), (DATE '2025-01-20', 'P1', 999, NULL),
  (DATE '2025-01-05', 'P2', 0, NULL), (DATE '2024-12-31', 'P3', 8, NULL);`)
	)
);
afterAll(() => closeInstance());

describe('capital/sku_demand', () => {
	it('measures daily demand over every day of the period and takes stock at its end', async () => {
		const rows = await queryRows<Record<string, number | string | null>>('capital/sku_demand', { from: '2025-01-01', to: '2025-01-10' });
		// P1 daily: 15, 0, 5, then 7 zero days → mean 2, var (250 − 20²/10)/9
		expect(rows.map((r) => r.sku)).toEqual(['P1', 'P3']);
		const p1 = rows[0];
		expect(p1).toMatchObject({ unit_cost: 12, lead_time_days: 9, daily_demand_mean: 2, on_hand: 40, avg_on_hand: 40 });
		expect(p1.daily_demand_std as number).toBeCloseTo(Math.sqrt(210 / 9), 12);
		// P3 has no row on the period's one snapshot date: it counts 0, as in the ledger's period value
		expect(rows[1]).toMatchObject({ sku: 'P3', unit_cost: 7, daily_demand_mean: 0.3, on_hand: 8, avg_on_hand: 0 });
	});

	it("values the period's mean stock as the ledger does, and leaves it null without period snapshots", async () => {
		// 2025-01-05..2025-01-20: two snapshot dates; P1 40·12 then 999·10 → (480 + 9990)/2 / 12 units
		const rows = await queryRows<Record<string, number | string | null>>('capital/sku_demand', { from: '2025-01-05', to: '2025-01-20' });
		const p1 = rows.find((r) => r.sku === 'P1')!;
		expect(p1.unit_cost).toBe(10);
		expect(p1.avg_on_hand as number).toBeCloseTo((480 + 9990) / 2 / 10, 9);
		const none = await queryRows<Record<string, number | string | null>>('capital/sku_demand', { from: '2025-01-06', to: '2025-01-10' });
		expect(none.find((r) => r.sku === 'P1')).toMatchObject({ on_hand: 40, avg_on_hand: null });
	});

	it('applies the product filters', async () => {
		const rows = await queryRows<{ sku: string }>('capital/sku_demand', { from: '2025-01-01', to: '2025-01-10', category: 'Pumps', supplier: null });
		expect(rows.map((r) => r.sku)).toEqual(['P3']);
	});
});
