import { describe, expect, it } from 'vitest';
import { estimateWallet, monthIndex, monthLabel, mulberry32, tercileCuts, type DelayBucket, type WalletCustomer, type WalletInput } from './wallet';

/** A customer whose revenue is `pre` a month before t=8, `at` in month 8, `post` after (months 0..23). */
function cust(
	id: string,
	segment: string | null,
	pre: number,
	at: number,
	post: number,
	bo: number[] = [],
	bucket: DelayBucket | null = null,
	wallet: number | null = null
): WalletCustomer {
	const revenue = Array.from({ length: 24 }, (_, m) => (m < 8 ? pre : m === 8 ? at : post));
	return { id, segment, annualWallet: wallet, t0: bo.length ? Math.min(...bo) : null, revenue, boMonths: bo, t0Bucket: bo.length ? bucket : null };
}

const base = { baseMonth: 0, periodFrom: 6, periodTo: 18, dataFrom: 0, dataTo: 23, grossMargin: 0.3, resamples: 500, seed: 7 };

// Segment A at t0 = 8, pre window months 2..7. Pre sums: Y 300, L1 540, T1 600, X 600, L2 660, H2 1800,
// T2 2400, H1 3000 → cuts q1 = 600, q2 = 660 + ⅔·1140 = 1420: {Y, L1, T1, X} | {L2} | {H2, T2, H1}.
const fixture: WalletCustomer[] = [
	cust('T1', 'A', 100, 100, 70, [8], '≤10 days', 2400),
	cust('T2', 'A', 400, 400, 360, [8], '>10 days'),
	cust('L1', 'A', 90, 90, 99),
	cust('L2', 'A', 110, 110, 110), // middle tercile: not T1's control although close in size
	cust('H1', 'A', 500, 500, 500),
	cust('H2', 'A', 300, 300, 330),
	cust('X', 'A', 100, 100, 0, [1, 11]), // backorder at t0+3: excluded as a control; t0 = 1 before the period
	cust('Y', 'A', 50, 50, 50, [9, 12]), // second backordered month at t0+3: not an isolated incident
	{ ...cust('T4', 'A', 0, 100, 100, [8], 'cancelled/open') }, // no pre revenue
	{ ...cust('T3', 'B', 100, 100, 100, [10], 'cancelled/open') }, // alone in its segment: no controls
	{ ...cust('Z', 'B', 0, 0, 100, [18], '≤10 days') } // t0 + 6 = 24 beyond the data
];

describe('estimateWallet — hand-computed fixture', () => {
	const r = estimateWallet({ ...base, customers: fixture });

	it('selects treated customers by timing, isolation and data window', () => {
		expect(r.treated_customers).toBe(2);
		expect(r.excluded_not_isolated).toBe(1);
		expect(r.excluded_window).toBe(1);
		expect(r.dropped_no_pre_revenue).toBe(1);
		expect(r.dropped_no_controls).toBe(1);
	});

	it('computes the matched difference in differences', () => {
		// T1: growth 0.7, controls {L1} g = 1.1; T2: growth 0.9, controls {H1, H2} g = 4980/4800 = 1.0375
		// treated 2580/3000 = 0.86; control (600·1.1 + 2400·1.0375)/3000 = 1.05
		expect(r.treated_growth).toBeCloseTo(0.86, 12);
		expect(r.control_growth).toBeCloseTo(1.05, 12);
		expect(Math.abs(r.did_pct! - -0.19)).toBeLessThan(1e-12);
		expect(r.pre_revenue).toBe(3000);
		expect(r.post_revenue).toBe(2580);
		expect(Math.abs(r.lost_revenue - 570)).toBeLessThan(1e-9);
		expect(Math.abs(r.lost_margin - 171)).toBeLessThan(1e-9);
	});

	it('indexes the event study to the pre-window mean', () => {
		expect(r.event_study.map((p) => p.month_offset)).toEqual([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
		for (const p of r.event_study) {
			const post = p.month_offset > 0;
			expect(Math.abs(p.treated_index! - (post ? 86 : 100))).toBeLessThan(1e-9);
			// (600·110 + 2400·103.75)/3000 = 105
			expect(Math.abs(p.control_index! - (post ? 105 : 100))).toBeLessThan(1e-9);
		}
	});

	it('splits by delay bucket and segment', () => {
		expect(r.by_bucket.map((b) => [b.bucket, b.treated])).toEqual([
			['≤10 days', 1],
			['>10 days', 1],
			['cancelled/open', 0]
		]);
		expect(r.by_bucket[0].did_pct).toBeCloseTo(-0.4, 12);
		expect(r.by_bucket[0].lost_revenue).toBeCloseTo(240, 9);
		expect(r.by_bucket[1].did_pct).toBeCloseTo(-0.1375, 12);
		expect(r.by_bucket[1].lost_revenue).toBeCloseTo(330, 9);
		expect(r.by_bucket[2]).toEqual({ bucket: 'cancelled/open', treated: 0, did_pct: null, pre_revenue: 0, lost_revenue: 0 });
		expect(r.by_segment).toHaveLength(1);
		expect(r.by_segment[0].segment).toBe('A');
		expect(r.by_segment[0].did_pct).toBeCloseTo(-0.19, 12);
	});

	it('reports share of wallet for customers with a wallet, annualising the 6-month windows', () => {
		expect(r.share_of_wallet).toEqual({ before: (2 * 600) / 2400, after: (2 * 420) / 2400, customers: 1 });
	});

	it('gives a bootstrap interval around the estimate', () => {
		expect(r.did_low!).toBeLessThanOrEqual(r.did_pct!);
		expect(r.did_high!).toBeGreaterThanOrEqual(r.did_pct!);
		expect(r.did_low!).toBeGreaterThanOrEqual(-0.4 - 1e-12);
		expect(r.did_high!).toBeLessThanOrEqual(-0.1375 + 1e-12);
	});

	it('treats the period bounds as inclusive months', () => {
		expect(estimateWallet({ ...base, customers: fixture, periodFrom: 9, periodTo: 18 }).treated_customers).toBe(0);
		expect(estimateWallet({ ...base, customers: fixture, periodFrom: 8, periodTo: 8 }).treated_customers).toBe(2);
		expect(estimateWallet({ ...base, customers: fixture, periodFrom: 0, periodTo: 7 }).treated_customers).toBe(0);
	});

	it('needs six months of data on both sides', () => {
		const r2 = estimateWallet({ ...base, customers: fixture, dataFrom: 3 });
		expect(r2.treated_customers).toBe(0);
		expect(r2.excluded_window).toBeGreaterThanOrEqual(4);
		expect(estimateWallet({ ...base, customers: fixture, dataTo: 13 }).treated_customers).toBe(0);
		expect(estimateWallet({ ...base, customers: fixture, dataTo: 14 }).treated_customers).toBe(2);
	});
});

describe('estimateWallet — edge cases', () => {
	it('returns nulls and zero loss with no treated customers', () => {
		const r = estimateWallet({ ...base, customers: [cust('L1', 'A', 1, 1, 1)] });
		expect(r).toMatchObject({ treated_customers: 0, did_pct: null, did_low: null, did_high: null, lost_revenue: 0, lost_margin: 0, share_of_wallet: null });
		expect(r.event_study.every((p) => p.treated_index === null)).toBe(true);
	});

	it('reports no loss when treated customers grew faster than controls', () => {
		const r = estimateWallet({ ...base, customers: [cust('T', 'A', 100, 100, 150, [8], '≤10 days'), cust('C', 'A', 100, 100, 100)] });
		expect(r.did_pct).toBeCloseTo(0.5, 12);
		expect(r.lost_revenue).toBe(0);
	});
});

describe('bootstrap', () => {
	// 60 treated with a true −10% effect against 240 controls, noise from a seeded PRNG
	function synthetic(seed: number): WalletInput {
		const rand = mulberry32(seed);
		const customers: WalletCustomer[] = [];
		for (let i = 0; i < 300; i++) {
			const treated = i < 60;
			const level = 50 + 500 * rand();
			const t0 = 8 + (i % 4);
			const revenue = Array.from({ length: 24 }, (_, m) => level * (0.8 + 0.4 * rand()) * (treated && m > t0 ? 0.9 : 1));
			customers.push({
				id: `c${i}`,
				segment: i % 2 ? 'A' : 'B',
				annualWallet: null,
				t0: treated ? t0 : null,
				revenue,
				boMonths: treated ? [t0] : [],
				t0Bucket: treated ? '>10 days' : null
			});
		}
		return { ...base, customers, resamples: 1000, seed: 42 };
	}

	it('is deterministic for a seed and covers the point estimate', () => {
		const input = synthetic(3);
		const a = estimateWallet(input);
		const b = estimateWallet(input);
		expect([a.did_low, a.did_high]).toEqual([b.did_low, b.did_high]);
		expect(a.treated_customers).toBe(60);
		expect(a.did_low!).toBeLessThan(a.did_pct!);
		expect(a.did_high!).toBeGreaterThan(a.did_pct!);
		expect(a.did_low!).toBeLessThan(-0.1 + 0.05);
		expect(a.did_high!).toBeGreaterThan(-0.1 - 0.05);
		const c = estimateWallet({ ...input, seed: 43 });
		expect(c.did_low).not.toBe(a.did_low);
	});

	it('keeps the event study consistent with did', () => {
		const a = estimateWallet(synthetic(5));
		const post = a.event_study.filter((p) => p.month_offset > 0);
		const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
		const gap = mean(post.map((p) => p.treated_index!)) - mean(post.map((p) => p.control_index!));
		expect(gap / 100).toBeCloseTo(a.did_pct!, 12);
		const pre = a.event_study.filter((p) => p.month_offset < 0);
		expect(mean(pre.map((p) => p.treated_index!))).toBeCloseTo(100, 10);
		expect(mean(pre.map((p) => p.control_index!))).toBeCloseTo(100, 10);
	});
});

describe('helpers', () => {
	it('cuts terciles with linear interpolation', () => {
		const [q1, q2] = tercileCuts([300, 540, 600, 600, 660, 1800, 2400, 3000]);
		expect(q1).toBe(600);
		expect(q2).toBeCloseTo(1420, 9);
		// n = 7: (n−1)/3 = 2 exactly, so the cut is the order statistic itself and a tie falls below it
		expect(tercileCuts([1, 2, 3, 4, 5, 6, 7])).toEqual([3, 5]);
		expect(tercileCuts([])).toEqual([Infinity, Infinity]);
	});
	it('indexes months', () => {
		expect(monthIndex('2025-11-01')).toBe(2025 * 12 + 10);
		expect(monthLabel(monthIndex('2026-01-31'))).toBe('2026-01');
	});
});

describe('estimateWallet — the wallet window assumption', () => {
	// Window 3: pre = months t0−3..t0−1, post = t0+1..t0+3. Segment A keeps its terciles (every pre sum
	// halves), so T1 (growth 210/300) keeps control L1 (1.1) and T2 (1080/1200) keeps H1+H2 (2490/2400).
	// Z (segment B, t0 = 18) now fits inside the data: pre 300, post 300; its control T3 has no backorder
	// in 15..21 and the same tercile (pre 300), growth 1. T3 itself (t0 = 10) stays without controls.
	const r = estimateWallet({ ...base, customers: fixture, window: 3 });

	it('narrows both windows and re-selects treated customers and controls', () => {
		expect(r.treated_customers).toBe(3);
		expect(r.excluded_window).toBe(0);
		expect(r.dropped_no_controls).toBe(1);
		expect(r.pre_revenue).toBe(1800);
		expect(r.post_revenue).toBe(1590);
		expect(r.treated_growth).toBeCloseTo(1590 / 1800, 12);
		expect(r.control_growth).toBeCloseTo(1875 / 1800, 12);
		expect(r.did_pct!).toBeCloseTo(-285 / 1800, 12);
		expect(r.lost_revenue).toBeCloseTo(285, 9);
		expect(r.event_study.map((p) => p.month_offset)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
	});
});
