import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from '$lib/server/db';
import { fullMonths, walletEstimate } from './wallet';

process.env.LEDGER_DB = ':memory:';

/**
 * The pure estimator's hand-computed fixture (src/lib/metrics/wallet.spec.ts) as order lines:
 * month 0 = 2024-01, t0 = 8 = 2024-09, one line per customer-month on the 2nd, unit_price = revenue.
 */
const MONTHS = 24;
type Spec = { id: string; seg: string; pre: number; at: number; post: number; bo?: number[]; fill?: number | null; wallet?: number };
const customers: Spec[] = [
	{ id: 'T1', seg: 'A', pre: 100, at: 100, post: 70, bo: [8], fill: 5, wallet: 2400 },
	{ id: 'T2', seg: 'A', pre: 400, at: 400, post: 360, bo: [8], fill: 20 },
	{ id: 'L1', seg: 'A', pre: 90, at: 90, post: 99 },
	{ id: 'L2', seg: 'A', pre: 110, at: 110, post: 110 },
	{ id: 'H1', seg: 'A', pre: 500, at: 500, post: 500 },
	{ id: 'H2', seg: 'A', pre: 300, at: 300, post: 330 },
	{ id: 'X', seg: 'A', pre: 100, at: 100, post: 0, bo: [1, 11], fill: 3 },
	{ id: 'Y', seg: 'A', pre: 50, at: 50, post: 50, bo: [9, 12], fill: 3 },
	{ id: 'T4', seg: 'A', pre: 0, at: 100, post: 100, bo: [8], fill: null },
	{ id: 'T3', seg: 'B', pre: 100, at: 100, post: 100, bo: [10], fill: null },
	{ id: 'Z', seg: 'B', pre: 0, at: 0, post: 100, bo: [18], fill: 2 }
];
const iso = (m: number, day: number) => `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const plus = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86400e3).toISOString().slice(0, 10);

function fixtureSql(): string[] {
	const lines: string[] = [];
	let n = 0;
	const line = (cust: string, sku: string, date: string, price: number, bo: boolean, fill: number | null | undefined) => {
		const filled = bo && fill !== null && fill !== undefined ? `'${plus(date, fill)}'` : 'NULL';
		lines.push(`('o${n++}', 1, '${cust}', '${sku}', DATE '${date}', NULL, NULL, 1, ${price}, ${bo ? 1 : 0}, ${filled}, 0)`);
	};
	for (const c of customers) {
		for (let m = 0; m < MONTHS; m++) {
			const price = m < 8 ? c.pre : m === 8 ? c.at : c.post;
			const bo = c.bo?.includes(m) ?? false;
			if (price > 0 || bo) line(c.id, 'W1', iso(m, 2), price, bo, c.fill);
		}
	}
	// a gadget backorder for T1 in 2024-05: with no product filter T1's first incident is before the period
	line('T1', 'G1', iso(4, 2), 10, true, 5);
	// the extract's edges: 2024-01-01 .. 2025-12-30
	line('EDGE', 'G1', '2024-01-01', 1, false, null);
	line('EDGE', 'G1', '2025-12-30', 1, false, null);
	const cs = customers.map((c) => `('${c.id}', '${c.seg}', 'North', ${c.wallet ?? 'NULL'})`).join(', ');
	return [
		`INSERT INTO customers (customer_id, segment, region, annual_wallet) VALUES ${cs}, ('EDGE', 'E', 'South', NULL)`,
		`INSERT INTO products (sku, category, supplier, unit_cost) VALUES ('W1', 'Widgets', 'Acme', 1), ('G1', 'Gadgets', 'Bolt', 1)`,
		`INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, promised_date, ship_date, qty, unit_price,
		 qty_backordered, backorder_filled_date, qty_cancelled) VALUES ${lines.join(', ')}`
	];
}

beforeAll(async () => {
	await withConnection(async (c) => {
		for (const s of fixtureSql()) await c.run(s);
	});
});
afterAll(() => closeInstance());

const period = { from: '2024-07-01', to: '2025-07-31' };

const NEEDED = 'only 3 treated customers (at least 10 are needed for an estimate with an interval)';
const rows = (r: Awaited<ReturnType<typeof walletEstimate>>) => r.treated.map((t) => [t.id, t.month, t.bucket, t.pre, t.post, t.counterfactual]);

describe('walletEstimate on DuckDB', () => {
	it('reproduces the hand-computed panel when lines are restricted to a category, and is n/a with three treated', async () => {
		const r = await walletEstimate({ ...period, category: 'Widgets' }, 0.3);
		expect(r.data_months).toEqual({ from: '2024-01', to: '2025-12' });
		expect(r).toMatchObject({ treated_customers: 3, dropped_no_controls: 1, dropped_no_pre_revenue: 1, excluded_not_isolated: 0, excluded_window: 1 });
		// the counterfactuals of src/lib/metrics/wallet.spec.ts: T1 by L1 (1.1), T2 by H1 + H2 (1.0375), Y by L1
		const cf = rows(r);
		expect(cf.map((x) => x.slice(0, 5))).toEqual([
			['T1', '2024-09', '≤10 days', 600, 420],
			['T2', '2024-09', '>10 days', 2400, 2160],
			['Y', '2024-10', '≤10 days', 300, 300]
		]);
		expect(cf.map((x) => x[5] as number).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([660, 2490, 330]);
		expect(r.cells[r.treated[1].cell]).toMatchObject({ month: '2024-09', segment: 'A', tercile: 3, control_ids: ['H1', 'H2'] });
		// three treated customers are too few for an interval: n/a with the reason, never a loss of 0
		expect(r).toMatchObject({ did_pct: null, did_low: null, did_high: null, lost_revenue: null, lost_margin: null, not_estimable: NEEDED });
		expect(r.share_of_wallet).toEqual({ before: 0.5, after: 0.35, customers: 1 });
	});

	it('without the product filter an earlier gadget backorder makes T1 an old incident', async () => {
		const r = await walletEstimate(period, 0.3);
		expect(rows(r).map((x) => x.slice(0, 5))).toEqual([
			['T2', '2024-09', '>10 days', 2400, 2160],
			['Y', '2024-10', '≤10 days', 300, 300]
		]);
		expect(r.not_estimable).toBe('only 2 treated customers (at least 10 are needed for an estimate with an interval)');
	});

	it('is n/a with a reason for a segment without a treated customer', async () => {
		const b = await walletEstimate({ ...period, segment: 'B' }, 0.3);
		expect(b).toMatchObject({ treated_customers: 0, dropped_no_controls: 1, excluded_window: 1, did_pct: null, lost_revenue: null, lost_margin: null });
		expect(b.not_estimable).toBe('no customer with a first backorder in the period has a matched control and earlier spend');
		const none = await walletEstimate({ ...period, segment: 'Nope' }, 0.3);
		expect(none.not_estimable).toBe('no customer had a first backorder in the period');
		const south = await walletEstimate({ ...period, region: 'South' }, 0.3);
		expect(south.treated_customers).toBe(0);
		expect(south.lost_margin).toBeNull();
	});

	it('is n/a for a 3-month period whose incidents lack six months of data after them', async () => {
		const r = await walletEstimate({ from: '2025-05-01', to: '2025-07-31' }, 0.3);
		expect(r).toMatchObject({ treated_customers: 0, excluded_window: 1, did_pct: null, lost_margin: null });
		expect(r.not_estimable).toBe('no first backorder in the period has 6 full months of data before and after it');
	});

	it('takes the period by whole months, inclusive', async () => {
		const f = { category: 'Widgets' };
		expect((await walletEstimate({ ...f, from: '2024-09-30', to: '2024-09-30' }, 0.3)).treated_customers).toBe(2);
		expect((await walletEstimate({ ...f, from: '2024-11-01', to: '2025-07-31' }, 0.3)).treated_customers).toBe(0);
		expect((await walletEstimate({ ...f, from: '2024-01-01', to: '2024-08-31' }, 0.3)).treated_customers).toBe(0);
	});
});

describe('fullMonths', () => {
	it('allows a few days of slack at the edges of the extract', () => {
		const m = (y: number, mo: number) => y * 12 + mo - 1;
		expect(fullMonths('2024-01-04', '2025-12-28')).toEqual({ from: m(2024, 1), to: m(2025, 12) });
		expect(fullMonths('2024-01-05', '2025-12-27')).toEqual({ from: m(2024, 2), to: m(2025, 11) });
		expect(fullMonths('2024-02-01', '2024-02-26')).toEqual({ from: m(2024, 2), to: m(2024, 2) });
	});
});

describe('walletEstimate cache', () => {
	it('sees new data: a backorder for L1 in 2024-04 leaves T1 and Y without a control', async () => {
		const f = { ...period, category: 'Widgets' };
		expect((await walletEstimate(f, 0.3)).treated_customers).toBe(3);
		await withConnection((c) =>
			c.run(`INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, qty, unit_price, qty_backordered, qty_cancelled)
			       VALUES ('late', 1, 'L1', 'W1', DATE '2024-04-20', 1, 0, 1, 0)`)
		);
		const r = await walletEstimate(f, 0.3);
		expect(r.treated_customers).toBe(1);
		expect(r.dropped_no_controls).toBe(3);
		expect(r.treated.map((t) => t.id)).toEqual(['T2']);
	});
});
