import { describe, expect, it } from 'vitest';
import { normLoss, normSf } from '$lib/metrics/inventory-math';
import { serviceLevelCurve, type SkuDemand } from '$lib/metrics/service-level';
import { meanHoldingCost, skuEconomics, topGaps } from './sku';
import { costPerBackorderedUnit } from './terms';

// The hand-built set of service-level.spec.ts:
// A: c 10, d 10/day, σd 4, L 9 → σL 12, Q 300, h 2.5; B: c 20, d 2/day, σd 1, L 16 → σL 4, Q 60, h 5;
// C: no demand, 5 on hand at 100 (dead stock). b = 5, carrying 25 %, 365/30 cycles a year.
const skus: SkuDemand[] = [
	{ sku: 'A', unit_cost: 10, daily_demand_mean: 10, daily_demand_std: 4, lead_time_days: 9, on_hand: 999, avg_on_hand: 200 },
	{ sku: 'B', unit_cost: 20, daily_demand_mean: 2, daily_demand_std: 1, lead_time_days: 16, on_hand: 20 },
	{ sku: 'C', unit_cost: 100, daily_demand_mean: 0, daily_demand_std: 0, lead_time_days: null, on_hand: 5 }
];
const opts = { backorderCost: 5, carryingRate: 0.25 };
const cycles = 365 / 30;
const [A, B, C] = skus.map((s) => skuEconomics(s, opts));

/** z with 1 − Φ(z) = tail, by bisection (independent of normInv) */
function zFor(tail: number): number {
	let lo = -5;
	let hi = 5;
	for (let i = 0; i < 100; i++) {
		const m = (lo + hi) / 2;
		if (normSf(m) > tail) lo = m;
		else hi = m;
	}
	return lo;
}

describe('skuEconomics', () => {
	it("places today's stock: safety stock, z, fill rate and annual cost", () => {
		expect(A).toMatchObject({ sigma_l: 12, order_qty: 300, annual_demand: 3650, h: 2.5, lead_time_days: 9, dead_stock: false });
		expect(A.today.safety_stock).toBe(50);
		expect(A.today.z).toBeCloseTo(50 / 12, 12);
		expect(A.today.inventory_value).toBe(2000);
		expect(A.today.carrying_cost).toBe(500);
		// B: 20 on hand, Q/2 = 30 → 10 below cycle stock, z = −2.5; 𝓛(−2.5) = 𝓛(2.5) + 2.5 = 2.502004
		expect(B.today.safety_stock).toBe(-10);
		expect(B.today.z).toBe(-2.5);
		expect(normLoss(-2.5)).toBeCloseTo(2.502004, 6);
		expect(B.today.fill_rate).toBeCloseTo(1 - (4 * 2.502004) / 60, 6); // 0.833200
		expect(B.today.units_short).toBeCloseTo(cycles * 4 * 2.502004, 4); // 121.764
		expect(B.today.total_cost).toBeCloseTo(100 + 5 * cycles * 4 * 2.502004, 4); // 708.82
	});

	it('puts each SKU at its own optimum 1 − Φ(z*) = h/(b·cycles)', () => {
		const zA = zFor(2.5 / (5 * cycles)); // 1 − Φ(z) = 0.041096 → z ≈ 1.7381
		expect(zA).toBeCloseTo(1.7381, 4);
		expect(A.optimum.z).toBeCloseTo(zA, 9);
		expect(A.optimum.inventory_value).toBeCloseTo((zA * 12 + 150) * 10, 6);
		expect(A.optimum.safety_stock).toBeCloseTo(zA * 12, 6);
		expect(A.optimum.total_cost).toBeCloseTo(0.25 * (zA * 12 + 150) * 10 + 5 * cycles * 12 * normLoss(zA), 6);
		expect(A.optimum.fill_rate).toBeCloseTo(1 - (12 * normLoss(zA)) / 300, 9);
		const zB = zFor(5 / (5 * cycles));
		expect(B.optimum.z).toBeCloseTo(zB, 9);
		expect(B.gap).toBeCloseTo(B.today.total_cost - B.optimum.total_cost, 9);
		// the optimum is a minimum: nudging z either way costs more
		for (const dz of [-0.05, 0.05]) {
			const z = zB + dz;
			const cost = 0.25 * (z * 4 + 30) * 20 + 5 * cycles * 4 * normLoss(z);
			expect(cost).toBeGreaterThan(B.optimum.total_cost);
		}
	});

	it('treats stock without demand as dead: the optimum holds none and the gap is its carrying cost', () => {
		expect(C).toMatchObject({ dead_stock: true, lead_time_defaulted: true, lead_time_days: 14 });
		expect(C.today).toMatchObject({ inventory_value: 500, carrying_cost: 125, units_short: 0, z: null, fill_rate: null });
		expect(C.optimum.inventory_value).toBe(0);
		expect(C.gap).toBe(125);
		expect(C.value_change).toBe(-500);
	});

	it('adds up to the curve: today and the per-SKU optimum', () => {
		const r = serviceLevelCurve(skus, opts);
		const all = [A, B, C];
		const sum = (f: (s: (typeof all)[number]) => number) => all.reduce((a, s) => a + f(s), 0);
		expect(sum((s) => s.today.inventory_value)).toBeCloseTo(r.today!.inventory_value, 9);
		expect(sum((s) => s.today.total_cost)).toBeCloseTo(r.today!.total_cost, 9);
		expect(sum((s) => (s.dead_stock ? 0 : s.optimum.inventory_value))).toBeCloseTo(r.per_sku_optimum!.inventory_value, 6);
		expect(sum((s) => (s.dead_stock ? 0 : s.optimum.total_cost))).toBeCloseTo(r.per_sku_optimum!.total_cost, 6);
	});

	it('has no shortage risk to price when demand does not vary', () => {
		const s = skuEconomics({ sku: 'S', unit_cost: 2, daily_demand_mean: 1, daily_demand_std: 0, lead_time_days: 5, on_hand: 40 }, opts);
		expect(s.today).toMatchObject({ z: null, units_short: 0, fill_rate: 1, inventory_value: 80 });
		expect(s.optimum.inventory_value).toBe(30); // Q/2 = 15 units at 2
		expect(s.gap).toBeCloseTo(0.25 * 50, 12);
	});
});

describe('topGaps', () => {
	it('ranks SKUs by what closing the gap is worth', () => {
		const g = topGaps([A, B, C], 2);
		expect(g.top.map((s) => s.sku)).toEqual(['B', 'C']);
		expect(g.total_gap).toBeCloseTo(A.gap + B.gap + C.gap, 9);
		expect(g.top_gap).toBeCloseTo(B.gap + C.gap, 9);
		expect(g).toMatchObject({ skus: 3, dead_stock_skus: 1, dead_stock_value: 500 });
		expect(topGaps([], 20)).toMatchObject({ top: [], total_gap: 0, skus: 0 });
	});
});

describe('b, h and the critical ratio', () => {
	it('measures b per backordered unit and weights h by demand', () => {
		expect(costPerBackorderedUnit(1200, 300)).toBe(4);
		expect(costPerBackorderedUnit(1200, 0)).toBeNull();
		expect(meanHoldingCost([A, B, C])).toBeCloseTo((3650 * 2.5 + 730 * 5) / 4380, 12);
		expect(meanHoldingCost([C])).toBeNull();
	});
});
