import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, queryRows, withConnection } from '$lib/server/db';
import { capitalData, clearCapitalCache, skuDemandRuns } from './capital';

process.env.LEDGER_DB = ':memory:';

// Period 2025-01-01..2025-01-10 (10 days). Snapshots: 2024-12-30 (baseline), 2025-01-06 (period).
// P1 Valves/Acme c 10 L 9; P2 Valves/Acme c 5 (dead stock); P3 Pumps/Bolt c 7 L 4.
beforeAll(() =>
	withConnection((c) =>
		c.run(`
INSERT INTO products (sku, category, supplier, unit_cost, lead_time_days) VALUES
  ('P1', 'Valves', 'Acme', 10, 9), ('P2', 'Valves', 'Acme', 5, NULL), ('P3', 'Pumps', 'Bolt', 7, 4);
INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, qty, unit_price, qty_backordered) VALUES
  ('O1', 1, 'C1', 'P1', DATE '2025-01-01', 10, 20, 2), ('O2', 1, 'C2', 'P1', DATE '2025-01-02', 30, 20, 0),
  ('O3', 1, 'C1', 'P3', DATE '2025-01-02', 3, 15, 1), ('O4', 1, 'C1', 'P3', DATE '2025-01-09', 5, 15, 0);
INSERT INTO inventory_snapshots (snapshot_date, sku, on_hand_qty, unit_cost) VALUES
  (DATE '2024-12-30', 'P1', 100, NULL), (DATE '2024-12-30', 'P2', 10, NULL), (DATE '2024-12-30', 'P3', 20, NULL),
  (DATE '2025-01-06', 'P1', 60, 11), (DATE '2025-01-06', 'P2', 10, NULL), (DATE '2025-01-06', 'P3', 4, NULL);`)
	)
);
afterAll(() => closeInstance());

const F = { from: '2025-01-01', to: '2025-01-10' };

describe('capitalData', () => {
	it('values inventory per snapshot date and by group as the ledger does', async () => {
		const d = await capitalData(F, 4, 0.25, 5);
		// 2024-12-30: 1000 + 50 + 140; 2025-01-06: 660 + 50 + 28
		expect(d.series).toEqual([
			{ date: '2024-12-30', value: 1190 },
			{ date: '2025-01-06', value: 738 }
		]);
		const holding = (await queryRows<{ baseline_value: number; period_value: number }>('ledger/holding', { ...F, category: null, supplier: null, baseline_days: 5 }))[0];
		expect(holding).toMatchObject({ baseline_value: 1190, period_value: 738 });
		const cat = d.groups.filter((g) => g.dimension === 'category');
		expect(cat).toEqual([
			{ dimension: 'category', name: 'Pumps', baseline_value: 140, period_value: 28 },
			{ dimension: 'category', name: 'Valves', baseline_value: 1050, period_value: 710 }
		]);
		// today's point on the curve is the ledger's period inventory value
		expect(d.filtered.result.today!.inventory_value).toBeCloseTo(738, 9);
		expect(d.filtered.scaled.find((p) => p.move === 0)!.inventory_value).toBeCloseTo(738, 9);
		expect(d.filtered.label).toBe('All SKUs');
		expect(d.all).toBeNull();
	});

	it('prices demand into the curve: b, h, today and the largest gaps', async () => {
		const d = await capitalData(F, 4, 0.25, 5);
		const r = d.filtered.result;
		expect(r.skus).toBe(3);
		expect(r.skus_with_demand).toBe(2);
		// P1 d = 4/day, P3 d = 0.8/day → annual 1460 + 292; h: 11·0.25 (latest override), 7·0.25
		expect(r.annual_demand_units).toBeCloseTo(365 * 4.8, 9);
		expect(d.filtered.h).toBeCloseTo((1460 * 2.75 + 292 * 1.75) / 1752, 12);
		expect(d.filtered.gaps.top.map((s) => s.sku)).toContain('P2');
		expect(d.filtered.gaps).toMatchObject({ skus: 3, dead_stock_skus: 1, dead_stock_value: 50 });
		expect(r.optimum).not.toBeNull();
	});

	it('prices the filtered set and all SKUs when a product filter is set', async () => {
		const d = await capitalData({ ...F, category: 'Pumps' }, 4, 0.25, 5);
		expect(d.filtered.label).toBe('Pumps');
		expect(d.filtered.result.skus).toBe(1);
		expect(d.filtered.result.today!.inventory_value).toBeCloseTo(28, 9);
		expect(d.all!.result.skus).toBe(3);
		expect(d.series.map((p) => p.value)).toEqual([140, 28]);
	});

	it('runs the per-SKU scan once per data version, filters and period', async () => {
		// a fresh data version: the earlier tests' scans (kept in memory and in the file) are not reachable
		await withConnection((c) => c.run(`UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'`));
		clearCapitalCache();
		const before = skuDemandRuns();
		await capitalData(F, 4, 0.25, 5);
		await capitalData(F, 5, 0.3, 5); // another b and rate re-price the cached rows
		await capitalData({ ...F, segment: 'Key' }, 4, 0.25, 5); // customer filters do not apply to stock
		expect(skuDemandRuns() - before).toBe(1);
		await capitalData({ ...F, to: '2025-01-09' }, 4, 0.25, 5);
		expect(skuDemandRuns() - before).toBe(2);
		// a load bumps data_version: the next request sees the new data
		await withConnection((c) => c.run(`UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'`));
		const d = await capitalData(F, 4, 0.25, 5);
		expect(skuDemandRuns() - before).toBe(3);
		expect(d.filtered.result.today!.inventory_value).toBeCloseTo(738, 9);
	});

	it('accepts b as a promise and treats a missing b as 0', async () => {
		const d = await capitalData(F, Promise.resolve(Number.NaN), 0.25, 5);
		expect(d.filtered.result.assumptions.backorderCost).toBe(0);
		expect(d.filtered.result.optimum!.z).toBe(0);
	});
});
