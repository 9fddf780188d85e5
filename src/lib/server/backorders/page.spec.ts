/**
 * /backorders' loader and the queue export on the drivers fixture (see api.spec.ts for its open lines),
 * and the explicit empty state once every backorder is filled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from '../db';
import { activeScenario } from '../assumptions/store';
import { DRIVERS_FIXTURE_SQL } from '../drivers/fixture';
import { GET } from '../../../routes/export/[file]/+server';
import { backordersPage } from './page';

const F = { from: '2025-01-01', to: '2025-03-31' };

beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	await withConnection((c) => c.run(DRIVERS_FIXTURE_SQL));
});
afterAll(() => closeInstance());

describe('/backorders loader', () => {
	it('queues P1 with the on-hand of its latest snapshot', async () => {
		const v = await backordersPage(F, await activeScenario());
		expect(v.empty).toBe(false);
		expect(v.skus.map((s) => [s.sku, s.lines, s.units])).toEqual([['P1', 3, 15]]);
		expect(v.queue!.sku).toBe('P1');
		// 2025-01-01 is P1's latest snapshot on or before 03-31: 50 units cover all 15 open
		expect([v.queue!.on_hand, v.queue!.snapshot_date]).toEqual([50, '2025-01-01']);
		expect(v.queue!.rows.map((r) => r.covered)).toEqual(['full', 'full', 'full']);
		// first come first served: O4 (2024-12-31), O7 (02-01), O2 (03-31)
		expect(v.queue!.rows.map((r) => [r.order_id, r.fcfs_rank]).sort()).toEqual([['O2', 3], ['O4', 1], ['O7', 2]]);
	});

	it('exports every SKU queue as CSV with the neutraliser', async () => {
		const res = await GET({ params: { file: 'fill-queue.csv' }, url: new URL('http://x/export/fill-queue.csv?from=2025-01-01&to=2025-03-31') } as unknown as Parameters<typeof GET>[0]);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toContain('fill-queue-2025-03-31.csv');
		const lines = (await res.text()).replace(/^\ufeff/, '').trim().split(/\r?\n/);
		expect(lines[0].startsWith('SKU,Priority in SKU,First come first served rank,Order')).toBe(true);
		expect(lines).toHaveLength(4);
		// C3's name is "=Gamma": a formula-looking cell leaves neutralised
		expect(lines.some((l) => l.includes("'=Gamma"))).toBe(true);
		const bad = await GET({ params: { file: 'fill-queue.csv' }, url: new URL('http://x/export/fill-queue.csv?to=nope') } as unknown as Parameters<typeof GET>[0]);
		expect(bad.status).toBe(400);
	});

	it('shows an explicit empty state when no backorder is open', async () => {
		await withConnection((c) => c.run(`UPDATE order_lines SET backorder_filled_date = order_date WHERE qty_backordered > 0 AND backorder_filled_date IS NULL`));
		const v = await backordersPage(F, await activeScenario());
		expect(v.empty).toBe(true);
		expect(v.lines).toEqual([]);
		expect(v.queue).toBeNull();
		expect(v.totals.cost_week).toBe(0);
	});
});
