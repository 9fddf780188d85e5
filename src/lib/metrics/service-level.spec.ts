import { describe, expect, it } from 'vitest';
import { normCdf, normLoss, normSf } from './inventory-math';
import { serviceLevelCurve, withDefaults, type SkuDemand } from './service-level';

// A: c 10, d 10/day, σd 4, L 9 → σL 12, Q = 300 (30 days), h = 2.5
// B: c 20, d 2/day, σd 1, L 16 → σL 4, Q = 60, h = 5
// C: no demand, 5 on hand at 100 → dead stock 500
const skus: SkuDemand[] = [
	{ sku: 'A', unit_cost: 10, daily_demand_mean: 10, daily_demand_std: 4, lead_time_days: 9, on_hand: 999, avg_on_hand: 200 },
	{ sku: 'B', unit_cost: 20, daily_demand_mean: 2, daily_demand_std: 1, lead_time_days: 16, on_hand: 20 },
	{ sku: 'C', unit_cost: 100, daily_demand_mean: 0, daily_demand_std: 0, lead_time_days: null, on_hand: 5 }
];
const opts = { backorderCost: 5, carryingRate: 0.25 };
const cycles = 365 / 30;
const demand = 3650 + 730;
const r = serviceLevelCurve(skus, opts);

describe('serviceLevelCurve', () => {
	it('prices a curve point by hand', () => {
		const p = r.curve.find((x) => x.z === 1)!;
		// value (12 + 150)·10 + (4 + 30)·20 = 2300
		expect(p.inventory_value).toBeCloseTo(2300, 9);
		expect(p.carrying_cost).toBeCloseTo(575, 9);
		const short = cycles * 16 * normLoss(1);
		expect(p.units_short).toBeCloseTo(short, 9);
		expect(p.backorder_cost).toBeCloseTo(5 * short, 9);
		expect(p.total_cost).toBeCloseTo(575 + 5 * short, 9);
		expect(p.fill_rate).toBeCloseTo(1 - short / demand, 12);
		expect(p.in_stock).toBeCloseTo(normCdf(1), 15);
		const z0 = r.curve[0];
		expect(z0.z).toBe(0);
		expect(z0.inventory_value).toBeCloseTo(2100, 9);
		expect(z0.units_short).toBeCloseTo(cycles * 16 * 0.3989422804014327, 9);
	});

	it('spans z 0..3.5 in steps of 0.05; carrying rises and shortage falls with z', () => {
		expect(r.curve).toHaveLength(71);
		expect(r.curve.at(-1)!.z).toBe(3.5);
		expect(r.curve[23].z).toBe(1.15);
		for (let i = 1; i < r.curve.length; i++) {
			expect(r.curve[i].carrying_cost).toBeGreaterThan(r.curve[i - 1].carrying_cost);
			expect(r.curve[i].units_short).toBeLessThan(r.curve[i - 1].units_short);
		}
	});

	it('marks the cheapest point as the optimum, and the per-SKU optimum is no dearer', () => {
		const min = Math.min(...r.curve.map((p) => p.total_cost));
		expect(r.optimum!.total_cost).toBe(min);
		expect(r.optimum!.z).toBeGreaterThan(0);
		expect(r.optimum!.z).toBeLessThan(3.5);
		expect(r.per_sku_optimum!.total_cost).toBeLessThanOrEqual(min + 1e-9);
		// A: 1 − Φ(z*) = h / (b·cycles) = 2.5 / (5 · 365/30); B: 5 / (5 · 365/30)
		const zA = 1.7379;
		expect(normSf(zA)).toBeCloseTo(2.5 / (5 * cycles), 4);
		const zs = [2.5, 5].map((h) => {
			let lo = 0;
			let hi = 5;
			for (let i = 0; i < 80; i++) {
				const m = (lo + hi) / 2;
				if (normSf(m) > h / (5 * cycles)) lo = m;
				else hi = m;
			}
			return lo;
		});
		const value = (zs[0] * 12 + 150) * 10 + (zs[1] * 4 + 30) * 20;
		const short = cycles * (12 * normLoss(zs[0]) + 4 * normLoss(zs[1]));
		expect(r.per_sku_optimum!.inventory_value).toBeCloseTo(value, 6);
		expect(r.per_sku_optimum!.total_cost).toBeCloseTo(0.25 * value + 5 * short, 6);
	});

	it("places today's position from the period's mean on-hand", () => {
		const t = r.today!;
		// A: (200 − 150)/12; B (no mean, latest 20): (20 − 30)/4 = −2.5; C: dead stock
		expect(t.inventory_value).toBeCloseTo(2000 + 400 + 500, 9);
		expect(t.dead_stock_value).toBe(500);
		expect(t.implied_z).toBeCloseTo((2400 - 2100) / 200, 12);
		const short = cycles * (12 * normLoss(50 / 12) + 4 * normLoss(-2.5));
		expect(t.units_short).toBeCloseTo(short, 9);
		expect(t.total_cost).toBeCloseTo(0.25 * 2900 + 5 * short, 9);
		expect(normLoss(-2.5)).toBeCloseTo(normLoss(2.5) + 2.5, 12);
	});

	it('counts the SKUs and their demand (the critical ratio is src/lib/capital/terms.ts)', () => {
		expect(r).not.toHaveProperty('critical_ratio');
		expect(r).toMatchObject({ skus: 3, skus_with_demand: 2, annual_demand_units: demand });
	});

	it('uses a given order quantity and the default lead time', () => {
		const one = serviceLevelCurve([{ sku: 'X', unit_cost: 1, daily_demand_mean: 1, daily_demand_std: 2, lead_time_days: null, on_hand: 0, order_qty: 73 }], opts);
		const p = one.curve[0];
		// σL = 2·√14, 5 cycles a year
		expect(p.units_short).toBeCloseTo(5 * 2 * Math.sqrt(14) * normLoss(0), 9);
		expect(p.inventory_value).toBeCloseTo(36.5, 9);
	});

	it('handles no SKUs and no backorder cost', () => {
		const none = serviceLevelCurve([], opts);
		expect(none).toMatchObject({ curve: [], optimum: null, today: null, per_sku_optimum: null });
		const free = serviceLevelCurve(skus, { ...opts, backorderCost: 0 });
		expect(free.optimum!.z).toBe(0);
	});
});

describe('withDefaults', () => {
	it('fills what is not given and keeps what is, 0 included', () => {
		expect(withDefaults({ backorderCost: 5, carryingRate: 0.2 })).toEqual({ backorderCost: 5, carryingRate: 0.2, reviewDays: 30, defaultLeadTimeDays: 14, zFrom: 0, zTo: 3.5, zStep: 0.05 });
		expect(withDefaults({ backorderCost: 0, carryingRate: 0.2, reviewDays: 7, zFrom: -1 })).toMatchObject({ backorderCost: 0, reviewDays: 7, zFrom: -1, zTo: 3.5 });
	});
});
