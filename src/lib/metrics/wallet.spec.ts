import { describe, expect, it } from 'vitest';
import { estimateWallet, MIN_TREATED, monthIndex, monthLabel, mulberry32, tercileCuts, type DelayBucket, type WalletCustomer, type WalletInput } from './wallet';

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

const base = { baseMonth: 0, periodFrom: 6, periodTo: 18, dataFrom: 0, dataTo: 23, grossMargin: 0.3, minTreated: 1 };
// the old recipe, kept for the calibration harness: isolated incidents, controls with no backorder in the window
const old = { ...base, design: 'isolated' as const, interval: 'treated-bootstrap' as const };

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

describe('estimateWallet — first exposure against not yet exposed, hand-computed', () => {
	const r = estimateWallet({ ...base, customers: fixture });

	it('keeps every first incident with full windows, whatever follows it', () => {
		// Y (t0 = 9, another backorder at 12) is treated now; X (exposed at 1) is no one's control
		expect(r.treated_customers).toBe(3);
		expect(r.excluded_not_isolated).toBe(0);
		expect(r.excluded_window).toBe(1);
		expect(r.dropped_no_pre_revenue).toBe(1);
		expect(r.dropped_no_controls).toBe(1);
		expect(r.treated.map((t) => [t.id, t.month, t.pre, t.post])).toEqual([
			['T1', '0-09', 600, 420],
			['T2', '0-09', 2400, 2160],
			['Y', '0-10', 300, 300]
		]);
	});

	it('matches Y at its own month: terciles over pre sums of months 3..8, controls not exposed through 15', () => {
		// pre sums 100 (T4), 300 (Y), 540 (L1), 600, 600, 660, 1800, 2400, 3000 → q1 = 580: {T4, Y, L1};
		// T4 was exposed at 8, so Y's only control is L1 (growth 594/540 = 1.1)
		const y = r.treated.find((t) => t.id === 'Y')!;
		expect(r.cells[y.cell]).toEqual({ month: '0-10', segment: 'A', tercile: 1, control_ids: ['L1'], control_growth: 1.1 });
		expect(y.counterfactual).toBeCloseTo(330, 9);
		expect(y.lost).toBeCloseTo(30, 9);
	});

	it('computes did from the counterfactuals: Σ(post − pre·g)/Σpre', () => {
		// T1 660 (L1 1.1), T2 2490 (H1 + H2 1.0375), Y 330 → (2880 − 3480)/3300
		expect(r.did_pct!).toBeCloseTo(-600 / 3300, 12);
		expect(r.lost_revenue!).toBeCloseTo(600, 9);
		expect(r.treated.reduce((s, t) => s + t.lost, 0)).toBeCloseTo(600, 9);
		expect(r.not_estimable).toBeNull();
	});

	it('gives an analytic interval around the estimate', () => {
		expect(r.did_low!).toBeLessThan(r.did_pct!);
		expect(r.did_high!).toBeGreaterThan(r.did_pct!);
		expect(r.did_high! - r.did_pct!).toBeCloseTo(r.did_pct! - r.did_low!, 12);
		expect(r.interval_method).toBe('analytic');
	});
});

describe('estimateWallet — the old recipe (isolated incidents), hand-computed', () => {
	const r = estimateWallet({ ...old, customers: fixture });

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
		expect(Math.abs(r.lost_revenue! - 570)).toBeLessThan(1e-9);
		expect(Math.abs(r.lost_margin! - 171)).toBeLessThan(1e-9);
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
		expect(r.by_bucket[2]).toEqual({ bucket: 'cancelled/open', treated: 0, did_pct: null, did_low: null, did_high: null, pre_revenue: 0, lost_revenue: null });
		expect(r.by_segment).toHaveLength(1);
		expect(r.by_segment[0].segment).toBe('A');
		expect(r.by_segment[0].did_pct).toBeCloseTo(-0.19, 12);
	});

	it('reports share of wallet for customers with a wallet, annualising the 6-month windows', () => {
		expect(r.share_of_wallet).toEqual({ before: (2 * 600) / 2400, after: (2 * 420) / 2400, customers: 1 });
	});

	it('gives its treated-only bootstrap interval around the estimate', () => {
		expect(r.did_low!).toBeLessThanOrEqual(r.did_pct!);
		expect(r.did_high!).toBeGreaterThanOrEqual(r.did_pct!);
		expect(r.did_low!).toBeGreaterThanOrEqual(-0.4 - 1e-12);
		expect(r.did_high!).toBeLessThanOrEqual(-0.1375 + 1e-12);
	});

	it('treats the period bounds as inclusive months', () => {
		expect(estimateWallet({ ...old, customers: fixture, periodFrom: 9, periodTo: 18 }).treated_customers).toBe(0);
		expect(estimateWallet({ ...old, customers: fixture, periodFrom: 8, periodTo: 8 }).treated_customers).toBe(2);
		expect(estimateWallet({ ...old, customers: fixture, periodFrom: 0, periodTo: 7 }).treated_customers).toBe(0);
	});

	it('needs six months of data on both sides', () => {
		const r2 = estimateWallet({ ...old, customers: fixture, dataFrom: 3 });
		expect(r2.treated_customers).toBe(0);
		expect(r2.excluded_window).toBeGreaterThanOrEqual(4);
		expect(estimateWallet({ ...old, customers: fixture, dataTo: 13 }).treated_customers).toBe(0);
		expect(estimateWallet({ ...old, customers: fixture, dataTo: 14 }).treated_customers).toBe(2);
	});
});

describe('estimateWallet — edge cases', () => {
	it('is n/a, not 0, with no treated customers, and says why', () => {
		const r = estimateWallet({ ...base, customers: [cust('L1', 'A', 1, 1, 1)] });
		expect(r).toMatchObject({ treated_customers: 0, did_pct: null, did_low: null, did_high: null, lost_revenue: null, lost_margin: null, share_of_wallet: null });
		expect(r.not_estimable).toBe('no customer had a first backorder in the period');
		expect(r.event_study.every((p) => p.treated_index === null)).toBe(true);
		expect(r.pre_trend.flat).toBeNull();
	});

	it('is n/a when no first backorder of the period has full windows (a short period at the end of the data)', () => {
		const r = estimateWallet({ ...base, customers: fixture, periodFrom: 18, periodTo: 20 });
		expect(r.did_pct).toBeNull();
		expect(r.lost_margin).toBeNull();
		expect(r.not_estimable).toBe('no first backorder in the period has 6 full months of data before and after it');
	});

	it('is n/a below the minimum number of treated customers', () => {
		const r = estimateWallet({ ...base, customers: fixture, minTreated: undefined });
		expect(MIN_TREATED).toBe(10);
		expect(r.treated_customers).toBe(3);
		expect(r.did_pct).toBeNull();
		expect(r.lost_revenue).toBeNull();
		expect(r.not_estimable).toBe('only 3 treated customers (at least 10 are needed for an estimate with an interval)');
		// the customers are still listed: the panel shows who they are
		expect(r.treated).toHaveLength(3);
	});

	it('reports no loss when treated customers grew faster than controls', () => {
		const r = estimateWallet({ ...base, customers: [cust('T', 'A', 100, 100, 150, [8], '≤10 days'), cust('C', 'A', 100, 100, 100)] });
		expect(r.did_pct).toBeCloseTo(0.5, 12);
		expect(r.lost_revenue).toBe(0);
	});
});

describe('analytic interval', () => {
	// 60 treated with a true −10% effect against 240 controls, noise from a seeded PRNG
	function synthetic(seed: number, pretrend = 0): WalletInput {
		const rand = mulberry32(seed);
		const customers: WalletCustomer[] = [];
		for (let i = 0; i < 300; i++) {
			const treated = i < 60;
			const level = 50 + 500 * rand();
			const t0 = 8 + (i % 4);
			const revenue = Array.from({ length: 24 }, (_, m) => level * (0.8 + 0.4 * rand()) * (treated && m > t0 ? 0.9 : 1) * (treated ? 1 + pretrend * (m - t0) : 1));
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
		return { ...base, customers, minTreated: undefined };
	}

	it('covers the planted −10 % in about 90 % of 200 synthetic panels, and rarely flags a flat pre-trend', () => {
		let covered = 0;
		let flagged = 0;
		let bias = 0;
		for (let s = 0; s < 200; s++) {
			const a = estimateWallet(synthetic(1000 + s));
			expect(a.treated_customers).toBe(60);
			if (a.did_low! <= -0.1 && -0.1 <= a.did_high!) covered++;
			if (a.pre_trend.flat === false) flagged++;
			bias += (a.did_pct! + 0.1) / 200;
		}
		expect(covered / 200).toBeGreaterThanOrEqual(0.85);
		expect(covered / 200).toBeLessThanOrEqual(0.95);
		expect(Math.abs(bias)).toBeLessThan(0.005);
		// a 5 % test on panels with no pre-trend: about 1 in 20 flagged
		expect(flagged / 200).toBeLessThan(0.12);
	});

	it('would not cover as often with the controls held fixed (the old treated-only bootstrap)', () => {
		let covered = 0;
		for (let s = 0; s < 100; s++) {
			const a = estimateWallet({ ...synthetic(1000 + s), interval: 'treated-bootstrap' });
			if (a.did_low! <= -0.1 && -0.1 <= a.did_high!) covered++;
		}
		expect(covered / 100).toBeLessThan(0.85);
	});

	it('tests the months before the incident for flatness', () => {
		const flat = estimateWallet(synthetic(3));
		expect(flat.pre_trend.flat).toBe(true);
		// treated spend drifting 2 % a month against controls, before and after
		const drifting = estimateWallet(synthetic(3, 0.02));
		expect(drifting.pre_trend.flat).toBe(false);
		expect(drifting.pre_trend.slope!).toBeGreaterThan(1);
		expect(drifting.pre_trend.p_value!).toBeLessThan(0.05);
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
	const r = estimateWallet({ ...old, customers: fixture, window: 3 });

	it('narrows both windows and re-selects treated customers and controls', () => {
		expect(r.treated_customers).toBe(3);
		expect(r.excluded_window).toBe(0);
		expect(r.dropped_no_controls).toBe(1);
		expect(r.pre_revenue).toBe(1800);
		expect(r.post_revenue).toBe(1590);
		expect(r.treated_growth).toBeCloseTo(1590 / 1800, 12);
		expect(r.control_growth).toBeCloseTo(1875 / 1800, 12);
		expect(r.did_pct!).toBeCloseTo(-285 / 1800, 12);
		expect(r.lost_revenue!).toBeCloseTo(285, 9);
		expect(r.event_study.map((p) => p.month_offset)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
	});
});
