import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from '../db';
import { activeScenario } from '../assumptions/store';
import { DIMENSIONS, type Dimension } from '$lib/drivers/dimensions';
import { drillMemberString, type DrillMember } from '$lib/drivers/drill';
import { breakdown } from './breakdown';
import { GET } from '../../../routes/api/drill/+server';
import { DRIVERS_FIXTURE_SQL } from './fixture';

const P = 'from=2025-01-01&to=2025-03-31';

async function call(q: string) {
	const res = await GET({ url: new URL(`http://x/api/drill?${P}&${q}`) } as Parameters<typeof GET>[0]);
	return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	await withConnection((c) => c.run(DRIVERS_FIXTURE_SQL));
});
afterAll(() => closeInstance());

describe('drill-down rows add up to the breakdown figure', () => {
	it.each([...DIMENSIONS])('for every member (and unattributed) by %s', async (dim: Dimension) => {
		const b = await breakdown({ from: '2025-01-01', to: '2025-03-31' }, dim, null, await activeScenario());
		for (const row of [...b.members, b.unattributed]) {
			const m: DrillMember = row.kind === 'unattributed' ? { dim, kind: 'unattributed' } : row.member === null ? { dim, kind: 'none' } : { dim, kind: 'value', value: row.member };
			const q = `m=${encodeURIComponent(drillMemberString(m))}&limit=1000`;
			const [lines, contacts, deals] = await Promise.all([call(`kind=lines&${q}`), call(`kind=contacts&${q}`), call(`kind=deals&${q}`)]);
			expect(lines.status).toBe(200);
			expect(lines.body.total_cost, `${row.label} lines`).toBeCloseTo(row.cancelled_margin, 9);
			expect(lines.body.total_value).toBeCloseTo(row.backordered_value, 9);
			expect(lines.body.total_rows).toBe(row.backordered_lines);
			expect(contacts.body.total_cost, `${row.label} contacts`).toBeCloseTo(row.service_cost + row.sales_cost + row.sales_opportunity_cost, 9);
			expect(contacts.body.total_value).toBeCloseTo(row.service_contacts + row.sales_activities, 9);
			expect(deals.body.total_cost, `${row.label} deals`).toBeCloseTo(row.deals_expected_lost_margin, 9);
			const pageSum = (r: { body: { rows: Record<string, number>[] } }, k: string) => r.body.rows.reduce((s, x) => s + x[k], 0);
			expect(pageSum(contacts, 'cost')).toBeCloseTo(contacts.body.total_cost, 9);
			expect(pageSum(lines, 'cancelled_margin')).toBeCloseTo(lines.body.total_cost, 9);
		}
	});
});

describe('paging and search', () => {
	it('pages server-side with totals over every row', async () => {
		const all = await call('kind=contacts&limit=1000');
		const p1 = await call('kind=contacts&limit=3');
		const p2 = await call('kind=contacts&limit=3&offset=3');
		expect(p1.body.rows).toHaveLength(3);
		expect(p1.body.total_rows).toBe(all.body.total_rows);
		expect([...p1.body.rows, ...p2.body.rows].map((r: { contact_id: string }) => r.contact_id)).toEqual(all.body.rows.slice(0, 6).map((r: { contact_id: string }) => r.contact_id));
		const past = await call('kind=contacts&limit=3&offset=500');
		expect(past.body.rows).toEqual([]);
		expect(past.body.total_rows).toBe(all.body.total_rows);
	});

	it('searches with a bound ILIKE pattern, wildcards taken literally', async () => {
		const r = await call('kind=contacts&q=EXPEDITE');
		expect(r.body.rows.map((x: { contact_id: string }) => x.contact_id).sort()).toEqual(['K10', 'S1']);
		expect((await call('kind=contacts&q=%25')).body.total_rows).toBe(0);
		expect((await call(`kind=deals&q=${encodeURIComponent("' OR 1=1 --")}`)).body.total_rows).toBe(0);
		const g = await call('kind=lines&q=gamma');
		expect(g.body.rows.every((x: { customer_id: string }) => x.customer_id === 'C3')).toBe(true);
	});

	it.each([
		['kind=orders', '"kind" must be'],
		['kind=lines&m=color:red', '"m" must be'],
		['kind=lines&limit=0', '"limit"'],
		['kind=lines&offset=-1', '"limit"']
	])('refuses %s', async (q, msg) => {
		const r = await call(q);
		expect(r.status).toBe(400);
		expect(r.body.error).toContain(msg);
	});
});
