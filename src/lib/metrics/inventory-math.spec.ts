import { describe, expect, it } from 'vitest';
import {
	eoq,
	eoqWithBackorders,
	fillRate,
	leadTimeSigma,
	newsvendor,
	newsvendorCost,
	normCdf,
	normInv,
	normLoss,
	normPdf,
	normSf,
	safetyStock,
	unitsShortPerCycle
} from './inventory-math';

describe('standard normal', () => {
	it('matches tabulated Φ values to 1e-9', () => {
		// reference values: R pnorm / Abramowitz & Stegun table 26.1
		const table: [number, number][] = [
			[0, 0.5],
			[1, 0.841344746068543],
			[1.96, 0.97500210485178],
			[-1.96, 0.0249978951482204],
			[2.326347874040841, 0.99],
			[3, 0.998650101968370],
			[-3, 0.00134989803163009],
			[5, 0.999999713348428],
			[-8, 6.22096057427178e-16]
		];
		for (const [z, p] of table) expect(Math.abs(normCdf(z) - p)).toBeLessThan(1e-12);
		expect(normCdf(1.96)).toBeCloseTo(0.975002, 6);
	});

	it('is continuous where the series hands over to the continued fraction', () => {
		expect(Math.abs(normCdf(3 - 1e-12) - normCdf(3))).toBeLessThan(1e-13);
		expect(Math.abs(normSf(2.9999999) - normSf(3) - normPdf(3) * 1e-7)).toBeLessThan(1e-15);
	});

	it('keeps tail precision in 1 − Φ and symmetry Φ(−z) = 1 − Φ(z)', () => {
		expect(normSf(10) / 7.61985302416047e-24).toBeCloseTo(1, 12);
		for (const z of [0.3, 1.2, 2.7, 3.4, 6]) expect(normCdf(-z)).toBeCloseTo(normSf(z), 15);
	});

	it('inverts Φ', () => {
		expect(normInv(0.975)).toBeCloseTo(1.959963984540054, 12);
		expect(normInv(0.5)).toBe(0);
		expect(normInv(0.05)).toBeCloseTo(-1.644853626951472, 12);
		for (const p of [1e-12, 1e-6, 0.01, 0.02425, 0.3, 0.7, 0.97575, 0.999, 1 - 1e-9]) {
			expect(Math.abs(normCdf(normInv(p)) - p)).toBeLessThan(1e-15 + 1e-12 * p);
		}
		expect(normInv(0)).toBe(-Infinity);
		expect(normInv(1)).toBe(Infinity);
		expect(normInv(1.5)).toBeNaN();
	});

	it('gives the published normal loss values', () => {
		expect(normLoss(0)).toBeCloseTo(0.398942, 6);
		expect(normLoss(1)).toBeCloseTo(0.083315, 6);
		expect(normLoss(2)).toBeCloseTo(0.008491, 6);
		// 𝓛(−z) = 𝓛(z) + z
		expect(normLoss(-1.3)).toBeCloseTo(normLoss(1.3) + 1.3, 14);
	});
});

describe('newsvendor', () => {
	it('reproduces h=0.18, p=0.70, μ=50, σ=8 → S*=56.60, cost 1.9976', () => {
		const n = newsvendor(50, 8, 0.18, 0.7);
		expect(n.criticalRatio).toBeCloseTo(0.7 / 0.88, 15);
		expect(n.stock).toBeCloseTo(56.60, 2);
		expect(n.expectedCost).toBeCloseTo(1.9976, 4);
	});

	it('the closed-form optimum cost equals the cost function at S* and is its minimum', () => {
		const n = newsvendor(50, 8, 0.18, 0.7);
		expect(newsvendorCost(n.stock, 50, 8, 0.18, 0.7)).toBeCloseTo(n.expectedCost, 12);
		expect(newsvendorCost(n.stock + 0.5, 50, 8, 0.18, 0.7)).toBeGreaterThan(n.expectedCost);
		expect(newsvendorCost(n.stock - 0.5, 50, 8, 0.18, 0.7)).toBeGreaterThan(n.expectedCost);
	});
});

describe('EOQ', () => {
	it('with planned backorders: K=8, h=0.225, p=5, λ=1300 → Q*=310.81', () => {
		const r = eoqWithBackorders(8, 1300, 0.225, 5);
		expect(r.orderQty).toBeCloseTo(310.81, 2);
		expect(r.maxBackorder).toBeCloseTo((310.8125551589646 * 0.225) / 5.225, 9);
		expect(r.maxBackorder).toBeCloseTo(13.38, 2);
		expect(r.maxInventory + r.maxBackorder).toBeCloseTo(r.orderQty, 12);
		// the cost at the optimum: ordering K·λ/Q + holding h·I²/(2Q) + backorder p·B²/(2Q)
		const q = r.orderQty;
		const direct = (8 * 1300) / q + (0.225 * r.maxInventory ** 2) / (2 * q) + (5 * r.maxBackorder ** 2) / (2 * q);
		expect(r.annualCost).toBeCloseTo(direct, 9);
	});

	it('without backorders is the classic √(2Kλ/h)', () => {
		expect(eoq(8, 1300, 0.225)).toBeCloseTo(304.0468, 4);
	});
});

describe('safety stock and fill rate', () => {
	it('scales σ by √L and prices shortages with 𝓛', () => {
		const sL = leadTimeSigma(4, 9);
		expect(sL).toBe(12);
		expect(safetyStock(1.5, sL)).toBe(18);
		expect(unitsShortPerCycle(1, sL)).toBeCloseTo(12 * 0.0833154705876864, 12);
		expect(fillRate(1, sL, 100)).toBeCloseTo(1 - (12 * 0.0833154705876864) / 100, 12);
		expect(fillRate(-20, sL, 1)).toBe(0);
		expect(fillRate(1, 0, 0)).toBe(1);
	});
});
