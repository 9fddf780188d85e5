import { describe, expect, it } from 'vitest';
import { normLoss } from '$lib/metrics/inventory-math';
import { serviceLevelCurve, type CostPoint, type SkuDemand } from '$lib/metrics/service-level';
import {
	checkWhatIfSpec,
	compare,
	describeWhatIf,
	evaluateWhatIf,
	interpolateBy,
	moveGrid,
	parseSaved,
	priceScaled,
	readWhatIf,
	saveNamed,
	scaledCurve,
	scaledExposure,
	writeWhatIf,
	MAX_SAVED
} from './whatif';

// A: σL 12, Q 300, 200 on hand at 10; B: σL 4, Q 60, 20 on hand at 20; C: 5 dead units at 100
const skus: SkuDemand[] = [
	{ sku: 'A', unit_cost: 10, daily_demand_mean: 10, daily_demand_std: 4, lead_time_days: 9, on_hand: 999, avg_on_hand: 200 },
	{ sku: 'B', unit_cost: 20, daily_demand_mean: 2, daily_demand_std: 1, lead_time_days: 16, on_hand: 20 },
	{ sku: 'C', unit_cost: 100, daily_demand_mean: 0, daily_demand_std: 0, lead_time_days: null, on_hand: 5 }
];
const opts = { backorderCost: 5, carryingRate: 0.25 };
const cycles = 365 / 30;
const r = serviceLevelCurve(skus, opts);
const scaled = scaledCurve(skus, opts);

describe('scaledCurve', () => {
	it('is one exposure priced: computed once, it prices any b and carrying rate as scaledCurve does', () => {
		const e = scaledExposure(skus);
		for (const [b, rate] of [[5, 0.25], [40, 0.1], [0, 0.3]]) {
			expect(priceScaled(e, b, rate)).toEqual(scaledCurve(skus, { backorderCost: b, carryingRate: rate }));
		}
		// units short do not depend on the price: a dearer backorder moves only the costs
		const cheap = priceScaled(e, 1, 0.25)[50];
		const dear = priceScaled(e, 100, 0.25)[50];
		expect(dear.units_short).toBe(cheap.units_short);
		expect(dear.backorder_cost).toBeCloseTo(100 * cheap.backorder_cost, 9);
	});

	it('spans −50 %..+50 % in 1 % steps and is today at 0', () => {
		expect(moveGrid()).toHaveLength(101);
		expect(moveGrid()[30]).toBe(-0.2);
		const zero = scaled.find((p) => p.move === 0)!;
		expect(zero.inventory_value).toBeCloseTo(r.today!.inventory_value, 9);
		expect(zero.units_short).toBeCloseTo(r.today!.units_short, 9);
		expect(zero.total_cost).toBeCloseTo(r.today!.total_cost, 9);
		expect(zero.fill_rate).toBeCloseTo(r.today!.fill_rate!, 12);
	});

	it('halves every SKU at −50 % (hand-priced)', () => {
		const p = scaled[0];
		expect(p.move).toBe(-0.5);
		// A 100 units: z = (100 − 150)/12; B 10 units: z = (10 − 30)/4 = −5; C 2.5 units
		expect(p.inventory_value).toBeCloseTo(1000 + 200 + 250, 9);
		expect(p.carrying_cost).toBeCloseTo(0.25 * 1450, 9);
		const short = cycles * (12 * normLoss(-50 / 12) + 4 * normLoss(-5));
		expect(p.units_short).toBeCloseTo(short, 9);
		// 𝓛(−5) ≈ 5 (no stock to speak of: ~σL·|z| short a cycle)
		expect(normLoss(-5)).toBeCloseTo(5, 6);
		expect(p.backorder_cost).toBeCloseTo(5 * short, 9);
		expect(p.fill_rate).toBeCloseTo(1 - short / 4380, 12);
	});

	it('costs less to carry and more in backorders as stock falls', () => {
		for (let i = 1; i < scaled.length; i++) {
			expect(scaled[i].carrying_cost).toBeGreaterThan(scaled[i - 1].carrying_cost);
			expect(scaled[i].backorder_cost).toBeLessThanOrEqual(scaled[i - 1].backorder_cost);
		}
	});
});

describe('interpolateBy', () => {
	const pts: CostPoint[] = [
		{ inventory_value: 100, carrying_cost: 25, units_short: 10, backorder_cost: 50, total_cost: 75, fill_rate: 0.9 },
		{ inventory_value: 200, carrying_cost: 50, units_short: 4, backorder_cost: 20, total_cost: 70, fill_rate: 0.96 }
	];
	it('interpolates linearly and clamps at the ends', () => {
		const mid = interpolateBy(pts, (p) => p.fill_rate!, 0.92)!;
		expect(mid.t).toBeCloseTo(1 / 3, 12);
		expect(mid.point.inventory_value).toBeCloseTo(133.3333333, 6);
		expect(mid.point.total_cost).toBeCloseTo(75 - 5 / 3, 9);
		expect(mid.clamped).toBe(false);
		expect(interpolateBy(pts, (p) => p.fill_rate!, 0.99)).toMatchObject({ clamped: true, index: 1, point: { inventory_value: 200 } });
		expect(interpolateBy(pts, (p) => p.fill_rate!, 0.9)).toMatchObject({ clamped: false, index: 0 });
		expect(interpolateBy([] as CostPoint[], (p) => p.total_cost, 1)).toBeNull();
	});
});

describe('evaluateWhatIf', () => {
	it('reads a stock move off the scaled curve', () => {
		const w = evaluateWhatIf({ mode: 'move', value: -0.2 }, scaled, r.curve, r.today)!;
		expect(w.point.inventory_value).toBeCloseTo(0.8 * 2900, 9);
		expect(w.move).toBe(-0.2);
		expect(w.clamped).toBe(false);
		const big = evaluateWhatIf({ mode: 'move', value: 0.9 }, scaled, r.curve, r.today)!;
		expect(big).toMatchObject({ clamped: true, move: 0.5 });
	});

	it('finds the policy whose fill rate is the target', () => {
		const target = (r.curve[20].fill_rate! + r.curve[21].fill_rate!) / 2;
		const w = evaluateWhatIf({ mode: 'fill', value: target }, scaled, r.curve, r.today)!;
		expect(w.z).toBeCloseTo((r.curve[20].z + r.curve[21].z) / 2, 9);
		expect(w.point.fill_rate).toBeCloseTo(target, 12);
		expect(w.point.inventory_value).toBeCloseTo((r.curve[20].inventory_value + r.curve[21].inventory_value) / 2, 9);
		expect(w.move).toBeCloseTo(w.point.inventory_value / 2900 - 1, 12);
		const low = evaluateWhatIf({ mode: 'fill', value: 0.5 }, scaled, r.curve, r.today)!;
		expect(low).toMatchObject({ clamped: true, z: 0 });
	});

	it('compares with today', () => {
		const c = compare(r.today!, scaled[0]);
		expect(c.delta.carrying_cost).toBeCloseTo(-0.25 * 1450, 9);
		expect(c.delta.total_cost).toBeCloseTo(scaled[0].total_cost - r.today!.total_cost, 9);
	});
});

describe('what-if in the URL and in storage', () => {
	it('round-trips through URL parameters, keeping the filters', () => {
		const base = new URLSearchParams('category=Valves');
		expect(writeWhatIf({ mode: 'move', value: -0.2 }, base).toString()).toBe('category=Valves&move=-20');
		expect(writeWhatIf({ mode: 'move', value: 0 }, new URLSearchParams('move=5')).toString()).toBe('');
		expect(writeWhatIf({ mode: 'fill', value: 0.975 }, base).toString()).toBe('category=Valves&fill=97.5');
		expect(readWhatIf(new URLSearchParams('move=-20'))).toEqual({ mode: 'move', value: -0.2 });
		expect(readWhatIf(new URLSearchParams('move=-90'))).toEqual({ mode: 'move', value: -0.5 });
		expect(readWhatIf(new URLSearchParams('fill=97.5'))).toEqual({ mode: 'fill', value: 0.975 });
		expect(readWhatIf(new URLSearchParams('fill=120&move=x'))).toEqual({ mode: 'move', value: 0 });
	});

	it('keeps named what-ifs, newest first, replacing a name', () => {
		let list = saveNamed([], { name: 'Lean', whatif: { mode: 'move', value: -0.2 }, filters: '', saved_at: 't1' });
		list = saveNamed(list, { name: ' Safe ', whatif: { mode: 'fill', value: 0.98 }, filters: '?category=Valves', saved_at: 't2' });
		list = saveNamed(list, { name: 'lean', whatif: { mode: 'move', value: -0.3 }, filters: '', saved_at: 't3' });
		expect(list.map((s) => s.name)).toEqual(['lean', 'Safe']);
		expect(parseSaved(JSON.stringify(list))).toEqual(list);
		for (let i = 0; i < 30; i++) list = saveNamed(list, { name: `n${i}`, whatif: { mode: 'move', value: 0 }, filters: '', saved_at: '' });
		expect(list).toHaveLength(MAX_SAVED);
	});

	it('drops what it cannot read', () => {
		expect(parseSaved(null)).toEqual([]);
		expect(parseSaved('{oops')).toEqual([]);
		expect(parseSaved('{"a":1}')).toEqual([]);
		expect(parseSaved('[{"name":"x","whatif":{"mode":"bad","value":1}},{"name":"ok","whatif":{"mode":"move","value":0.1}}]')).toEqual([
			{ name: 'ok', whatif: { mode: 'move', value: 0.1 }, filters: '', saved_at: '' }
		]);
	});

	it('describes a what-if in words', () => {
		expect(describeWhatIf({ mode: 'move', value: -0.2 })).toBe('stock −20%');
		expect(describeWhatIf({ mode: 'move', value: 0 })).toBe("today's stock");
		expect(describeWhatIf({ mode: 'fill', value: 0.975 })).toBe('fill rate 97.5% by policy');
	});
});

describe('what-ifs stored on the server', () => {
	it.each<[unknown, ReturnType<typeof checkWhatIfSpec>]>([
		[{ whatif: { mode: 'move', value: -0.2 }, filters: '?segment=Key' }, { whatif: { mode: 'move', value: -0.2 }, filters: '?segment=Key' }],
		[{ whatif: { mode: 'fill', value: 0.97 } }, { whatif: { mode: 'fill', value: 0.97 }, filters: '' }],
		[{ whatif: { mode: 'move', value: 0.6 } }, null],
		[{ whatif: { mode: 'fill', value: 1 } }, null],
		[{ whatif: { mode: 'grow', value: 0.1 } }, null],
		[{ whatif: { mode: 'move', value: '0.1' } }, null],
		[{ whatif: { mode: 'move', value: 0.1 }, filters: 3 }, null],
		[null, null],
		['move', null]
	])('checks %j', (raw, expected) => {
		expect(checkWhatIfSpec(raw)).toEqual(expected);
	});
});
