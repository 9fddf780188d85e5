/**
 * GET /api/backorders on the drivers fixture (src/lib/server/drivers/fixture.ts), period 2025-01-01..03-31:
 * open on 03-31 are O2/1 (C2, P1, 5 − 2 = 3 units, day 0), O4/1 (C2, P1, 10 units, day 90) and O7/1
 * (C3, P1, 3 − 1 = 2 units, day 58); O8 is fully cancelled and O5 ordered after the period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from '../db';
import { DRIVERS_FIXTURE_SQL } from '../drivers/fixture';
import { GET } from '../../../routes/api/backorders/+server';

const P = 'from=2025-01-01&to=2025-03-31';
async function call(q: string) {
	const res = await GET({ url: new URL(`http://x/api/backorders?${P}${q ? `&${q}` : ''}`) } as Parameters<typeof GET>[0]);
	return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	await withConnection((c) => c.run(DRIVERS_FIXTURE_SQL));
});
afterAll(() => closeInstance());

describe('GET /api/backorders', () => {
	it('returns the open lines with their terms, sorted, and their count', async () => {
		const r = await call('');
		expect(r.status).toBe(200);
		expect(r.body.total).toBe(3);
		const rows = r.body.rows as { order_id: string; qty_open: number; age_days: number; customer_open_lines: number; cost_week_per_unit: number; wallet: { value: number | null } }[];
		expect(rows.map((x) => [x.order_id, x.qty_open, x.age_days]).sort()).toEqual([['O2', 3, 0], ['O4', 10, 90], ['O7', 2, 58]]);
		expect(rows.find((x) => x.order_id === 'O2')!.customer_open_lines).toBe(2);
		for (let i = 1; i < rows.length; i++) expect(rows[i - 1].cost_week_per_unit).toBeGreaterThanOrEqual(rows[i].cost_week_per_unit);
		// past 10 days no bucket is crossed: 0, not n/a
		expect(rows.find((x) => x.order_id === 'O4')!.wallet.value).toBe(0);
		expect(r.body.totals.units).toBe(15);
	});

	it('measures contacts per backordered line-week from history', async () => {
		const r = await call('');
		expect(r.body.rates.line_weeks).toBeGreaterThan(0);
		expect(r.body.rates.service_per_week).toBeCloseTo(r.body.rates.service_contacts / r.body.rates.line_weeks, 12);
		const c = r.body.contact_week.value;
		expect(c).toBeCloseTo(r.body.rates.service_per_week * r.body.rates.service_cost_per_contact + r.body.rates.sales_per_week * r.body.rates.sales_cost_per_contact, 9);
		// the contact term is the same for every line; per unit it is larger for smaller lines
		expect(r.body.rows[0].order_id).toBe('O7');
	});

	it('filters and pages', async () => {
		expect((await call('customer=C3')).body.total).toBe(1);
		expect((await call('sku=P2')).body.total).toBe(0);
		const p = await call('limit=1&offset=1');
		expect(p.body.rows).toHaveLength(1);
		expect(p.body.total).toBe(3);
	});

	it('answers 400 on bad parameters', async () => {
		for (const q of ['limit=0', 'limit=abc', 'offset=-1', 'limit=5000', 'bogus=1', 'from=2025-13-01', 'scenario=nope']) {
			expect((await call(q)).status, q).toBe(400);
		}
	});
});
