import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from '../db';
import { activeScenario } from '../assumptions/store';
import { summaryResponse, type LedgerSummary } from '../metrics/summary';
import { DIMENSIONS, COST_KEYS, applyPicks, type CostKey, type Dimension, type DriverFilters } from '$lib/drivers/dimensions';
import { breakdown } from './breakdown';
import { GET } from '../../../routes/api/breakdown/+server';
import { DRIVERS_FIXTURE_SQL } from './fixture';

const P = { from: '2025-01-01', to: '2025-03-31' };

async function summary(q: string): Promise<LedgerSummary> {
	const r = await summaryResponse(new URLSearchParams(q));
	if (r.status !== 200) throw new Error(JSON.stringify(r.body));
	return r.body;
}

const qs = (f: Record<string, string | null | undefined>) =>
	new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => !!e[1])).toString();

/** The ledger's components as /api/summary reports them, keyed like a breakdown row. */
function summaryComponents(s: LedgerSummary): Record<CostKey | 'total', number> {
	return {
		service_cost: s.service.cost,
		sales_cost: s.sales.cost,
		sales_opportunity_cost: s.sales.opportunity_cost,
		cancelled_margin: s.cancellations.lost_margin,
		wallet_lost_margin: s.wallet.lost_margin ?? 0,
		deals_expected_lost_margin: s.winloss.expected_lost_margin ?? 0,
		total: s.total_backorder_cost
	};
}

beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	await withConnection((c) => c.run(DRIVERS_FIXTURE_SQL));
});
afterAll(() => closeInstance());

const FILTERS: DriverFilters[] = [
	P,
	{ ...P, supplier: 'Acme' },
	{ ...P, category: 'Pumps', segment: 'Key' },
	{ ...P, sales_rep: 'Ann' },
	{ ...P, customer: 'C2' },
	{ ...P, sku: 'P2' },
	{ ...P, region: 'East', from: '2025-02-01' },
	// edge days: whole months from the derived sums, the rest from the lines
	{ from: '2025-01-15', to: '2025-03-20' },
	{ from: '2025-02-03', to: '2025-02-20', segment: 'Key' }
];

// What /drivers once checked at run time ("members + unattributed = the ledger"), as a test.
describe('members plus unattributed add up to the ledger', () => {
	for (const f of FILTERS) {
		it.each([...DIMENSIONS])(`by %s under ${JSON.stringify(f)}`, async (dim: Dimension) => {
			const scenario = await activeScenario();
			const b = await breakdown(f, dim, null, scenario);
			const s = summaryComponents(await summary(qs(f)));
			for (const k of [...COST_KEYS, 'total'] as const) {
				const sum = b.members.reduce((acc, m) => acc + m[k], 0) + b.unattributed[k];
				expect(sum, k).toBeCloseTo(s[k], 9);
				expect(b.totals[k], k).toBeCloseTo(s[k], 9);
			}
			// what the filters cannot reach is the ledger's not-attributable amount, beside the total
			const led = await summary(qs(f));
			expect(b.not_attributable.total).toBeCloseTo(led.scope.not_attributable_total, 9);
		});
	}

	it('adds up in two dimensions (heat map)', async () => {
		const scenario = await activeScenario();
		const s = summaryComponents(await summary(qs(P)));
		for (const [d1, d2] of [['supplier', 'month'], ['customer', 'channel'], ['sku', 'region']] as [Dimension, Dimension][]) {
			const b = await breakdown(P, d1, d2, scenario);
			expect(b.members.reduce((acc, m) => acc + m.total, 0) + b.unattributed.total).toBeCloseTo(s.total, 9);
		}
	});
});

describe('attribution', () => {
	it('splits a contact over the backordered lines of its order and keeps order-less contacts unattributed', async () => {
		const b = await breakdown(P, 'supplier', null, await activeScenario());
		const by = Object.fromEntries(b.members.map((m) => [m.label, m]));
		// Acme (P1): K2 (O2), K5 (O5), K8 (O4), half of K9 (O7: P1 and P2 backordered, P3 not);
		// Bolt: half of K9, and K10 — about O6 (nothing backordered, matched by keyword): O6's line is P2
		expect(by.Acme.service_contacts).toBeCloseTo(3.5, 12);
		expect(by.Bolt.service_contacts).toBeCloseTo(1.5, 12);
		// K1 has no order → unattributed (K7 is not backorder-related)
		expect(b.unattributed.service_contacts).toBe(1);
		// O8 (P3, no supplier) → the (none) member
		expect(by['(none)'].kind).toBe('none');
		expect(by['(none)'].cancelled_value).toBe(2);
		// sales: S4 (O3 → P2), S5 (O7 → half P1, half P2); S1, S2 without order
		expect(by.Acme.sales_activities).toBeCloseTo(0.5, 12);
		expect(by.Bolt.sales_activities).toBeCloseTo(1.5, 12);
		expect(b.unattributed.sales_activities).toBe(2);
		// deals cannot be placed on suppliers (the wallet loss can: by its incident month's backorders)
		expect(b.unattributed.lost_deals).toBe(3);
		expect(b.unplaceable).toEqual(['deals_expected_lost_margin']);
	});

	it('places deals on customers, a deal without a customer on (none)', async () => {
		const b = await breakdown(P, 'customer', null, await activeScenario());
		const by = Object.fromEntries(b.members.map((m) => [m.member ?? '(none)', m]));
		expect(by.C1.lost_deals).toBe(1);
		expect(by.C2.lost_deals).toBe(1);
		expect(by['(none)'].lost_deals).toBe(1);
		expect(by.C3.label).toBe('=Gamma');
		expect(b.unattributed.total).toBe(0);
	});

	it('puts every non-contact cost in unattributed for channels', async () => {
		const b = await breakdown(P, 'channel', null, await activeScenario());
		expect(b.unattributed.cancelled_margin).toBeGreaterThan(0);
		expect(b.unattributed.service_cost + b.unattributed.sales_cost).toBe(0);
		expect(b.members.map((m) => m.member).sort()).toEqual(['chat', 'email', 'phone', 'portal', 'visit']);
	});

	it('restricts to one SKU like the ledger, and to a channel with the rest not attributable', async () => {
		const scenario = await activeScenario();
		const b = await breakdown({ ...P, sku: 'P2' }, 'customer', null, scenario);
		expect(b.totals.lines).toBe(3); // O1/2, O3/1, O7/2
		expect(b.not_attributable.lost_deals).toBe(3); // deals name no SKU
		const ch = await breakdown({ ...P, channel: 'phone' }, 'supplier', null, scenario);
		expect(ch.totals.lines).toBe(0);
		expect(ch.not_attributable.lines).toBe(8); // the period's lines: they have no channel
		expect(ch.totals.service_contacts).toBe(3); // K1, K8, K9
	});
});

describe('cost in view equals the picked row', () => {
	const cases: [DriverFilters, Dimension][] = [
		[P, 'supplier'],
		[P, 'category'],
		[P, 'sku'],
		[P, 'segment'],
		[P, 'customer'],
		[P, 'sales_rep'],
		[P, 'month'],
		[P, 'channel'],
		[{ ...P, segment: 'Key' }, 'supplier'],
		[{ ...P, supplier: 'Acme' }, 'customer']
	];
	it.each(cases)('under %j by %s', async (f, dim) => {
		const scenario = await activeScenario();
		const opts = { ratesPeriod: { from: f.from, to: f.to } };
		const main = await breakdown(f, dim, null, scenario, opts);
		const rows = main.members.filter((m) => m.kind === 'member');
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			const picked = applyPicks(f, [{ dim, value: row.member }]);
			expect(picked.ok).toBe(true);
			if (!picked.ok) continue;
			const focus = await breakdown(picked.filters, dim, null, scenario, opts);
			for (const k of [...COST_KEYS, 'total'] as const) expect(focus.totals[k], `${row.label} ${k}`).toBeCloseTo(row[k], 9);
		}
	});
});

describe('sales rep and customer filters in the ledger', () => {
	it('a sales rep with one customer reads like that customer', async () => {
		const rep = await summary(qs({ ...P, sales_rep: 'Bob' }));
		const cust = await summary(qs({ ...P, customer: 'C2' }));
		for (const k of ['orders', 'service', 'sales', 'cancellations', 'winloss'] as const) expect(rep[k]).toEqual(cust[k]);
		expect(rep.filters).toMatchObject({ sales_rep: 'Bob', customer: null });
	});

	it('restricts every source to the customer', async () => {
		const s = await summary(qs({ ...P, customer: 'C1' }));
		expect(s.orders.lines).toBe(2);
		expect(s.service.backorder_contacts).toBe(2); // K1, K5
		expect(s.sales.backorder_activities).toBe(2); // S1, S4
		expect(s.winloss.lost_deals).toBe(1); // L1
	});
});

describe('GET /api/breakdown', () => {
	const call = async (q: string) => {
		const res = await GET({ url: new URL(`http://x/api/breakdown?${q}`) } as Parameters<typeof GET>[0]);
		return { status: res.status, body: await res.json() };
	};
	it('answers with members and totals, applying picks as filters', async () => {
		const r = await call('dim=segment&from=2025-01-01&to=2025-03-31&pick=supplier:Acme');
		expect(r.status).toBe(200);
		const s = await summary(qs({ ...P, supplier: 'Acme' }));
		expect(r.body.totals.total).toBeCloseTo(s.total_backorder_cost, 9);
		// a month pick is priced at the view's period: it equals that month's row
		const m = await call('dim=segment&from=2025-01-01&to=2025-03-31&pick=month:2025-02');
		const byMonth = await call('dim=month&from=2025-01-01&to=2025-03-31');
		const feb = byMonth.body.members.find((x: { member: string }) => x.member === '2025-02');
		expect(m.body.totals.total).toBeCloseTo(feb.total, 9);
	});
	it.each([
		['dim=warehouse', '"dim" must be one of'],
		['dim=sku&dim2=sku', '"dim2" must be another dimension'],
		['dim=sku&pick=color:red', 'invalid pick'],
		['dim=sku&segmnt=Key', 'unknown parameter'],
		['dim=sku&supplier=Bolt&pick=supplier:Acme', 'already Bolt']
	])('refuses %s', async (q, msg) => {
		const r = await call(`${q}&from=2025-01-01&to=2025-03-31`);
		expect(r.status).toBe(400);
		expect(r.body.error).toContain(msg);
	});
});

describe('a wallet loss that cannot be estimated', () => {
	it('carries the ledger\'s reason instead of a $0 figure', async () => {
		const scenario = await activeScenario();
		const s = await summary(qs(P));
		expect(s.wallet.not_estimable).not.toBeNull();
		const b = await breakdown(P, 'segment', null, scenario);
		expect(b.wallet_not_estimable).toBe(s.wallet.not_estimable);
	});
});
