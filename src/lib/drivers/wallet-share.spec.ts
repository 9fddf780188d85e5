import { describe, expect, it } from 'vitest';
import { estimateWallet, mulberry32, type WalletCustomer } from '$lib/metrics/wallet';
import { proRata, treatedPre } from './wallet-share';

/** A random panel: 400 customers over 36 months, some with backorders, in three segments. */
function panel(seed: number): WalletCustomer[] {
	const rnd = mulberry32(seed);
	return Array.from({ length: 400 }, (_, i) => {
		const level = 100 + rnd() * 5000;
		const revenue = Float64Array.from({ length: 36 }, () => (rnd() < 0.15 ? 0 : level * (0.5 + rnd())));
		const bo: number[] = [];
		for (let m = 0; m < 36; m++) if (rnd() < 0.04) bo.push(24000 + m);
		return {
			id: `C${i}`,
			segment: ['Key', 'Core', null][i % 3],
			annualWallet: null,
			t0: bo.length ? bo[0] : null,
			revenue,
			boMonths: bo,
			t0Bucket: bo.length ? '≤10 days' : null
		};
	});
}

describe('treatedPre', () => {
	it.each([1, 2, 3, 4])('finds exactly the estimator treated units (seed %i)', (seed) => {
		const customers = panel(seed);
		const input = { customers, baseMonth: 24000, periodFrom: 24012, periodTo: 24023, dataFrom: 24000, dataTo: 24035 };
		const r = estimateWallet({ ...input, grossMargin: 0.3, resamples: 10 });
		const pre = treatedPre(input);
		expect(r.treated_customers).toBeGreaterThan(5);
		expect(pre.filter((p) => p > 0).length).toBe(r.treated_customers);
		expect(pre.reduce((s, p) => s + p, 0)).toBeCloseTo(r.pre_revenue, 6);
		for (const g of r.by_segment) {
			const s = customers.reduce((acc, c, i) => acc + (c.segment === g.segment ? pre[i] : 0), 0);
			expect(s).toBeCloseTo(g.pre_revenue, 6);
		}
	});

	it.each([3, 4, 9])('follows the wallet window assumption (%i months)', (window) => {
		const customers = panel(7);
		const input = { customers, baseMonth: 24000, periodFrom: 24012, periodTo: 24023, dataFrom: 24000, dataTo: 24035, window };
		const r = estimateWallet({ ...input, grossMargin: 0.3, resamples: 10 });
		const pre = treatedPre(input);
		expect(pre.filter((p) => p > 0).length).toBe(r.treated_customers);
		expect(pre.reduce((s, p) => s + p, 0)).toBeCloseTo(r.pre_revenue, 6);
	});

	it('is empty without treated customers', () => {
		const customers = panel(9);
		expect(treatedPre({ customers, baseMonth: 24000, periodFrom: 30000, periodTo: 30001, dataFrom: 24000, dataTo: 24035 }).every((p) => p === 0)).toBe(true);
	});
});

describe('proRata', () => {
	it('splits a total by weight and adds up', () => {
		const out = proRata(90, [1, 2, 0, 6]);
		expect([...out]).toEqual([10, 20, 0, 60]);
		expect([...proRata(5, [0, 0])]).toEqual([0, 0]);
		expect([...proRata(0, [1])]).toEqual([0]);
	});
});
