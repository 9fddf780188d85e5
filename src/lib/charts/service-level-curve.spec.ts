import { describe, expect, it } from 'vitest';
import { SEMANTIC } from './palette';
import { CURVE_SERIES, markerLabels, serviceCurveDescription, serviceCurveOption, shortLabel, type CurveInput } from './service-level-curve';

const pt = (v: number, c: number, b: number) => ({ inventory_value: v, carrying_cost: c, units_short: b / 5, backorder_cost: b, total_cost: c + b, fill_rate: 0.95 });
const input: CurveInput = {
	curve: [
		{ z: 0, in_stock: 0.5, ...pt(1000, 250, 400) },
		{ z: 1, in_stock: 0.84, ...pt(1200, 300, 100) },
		{ z: 2, in_stock: 0.98, ...pt(1400, 350, 20) }
	],
	scaled: [
		{ move: -0.5, ...pt(600, 150, 900) },
		{ move: 0, ...pt(1200, 300, 300) }
	],
	today: pt(1200, 300, 300),
	optimum: { z: 2, in_stock: 0.98, ...pt(1400, 350, 20) },
	whatif: pt(600, 150, 900),
	whatifLabel: 'Stock −50%'
};

describe('serviceCurveOption', () => {
	const o = serviceCurveOption(input, SEMANTIC.light);
	const byName = (n: string) => o.series.find((s) => s.name === n)!;
	it('plots total, carrying and backorder cost against inventory value', () => {
		expect(byName(CURVE_SERIES.total).data).toEqual([
			[1000, 650],
			[1200, 400],
			[1400, 370]
		]);
		expect(byName(CURVE_SERIES.carrying).data).toEqual([
			[1000, 250],
			[1200, 300],
			[1400, 350]
		]);
		expect(byName(CURVE_SERIES.backorder).data[2]).toEqual([1400, 20]);
		expect(byName(CURVE_SERIES.scaled).data).toEqual([
			[600, 1050],
			[1200, 600]
		]);
	});
	it('marks today, the optimum and the what-if', () => {
		expect(byName(CURVE_SERIES.today).data).toEqual([[1200, 600]]);
		expect(byName(CURVE_SERIES.total).markPoint!.data).toEqual([{ name: 'Optimum', coord: [1400, 370] }]);
		expect(byName(CURVE_SERIES.whatif).data).toEqual([[600, 1050]]);
		const tip = o.tooltip.formatter as (p: { seriesName: string; dataIndex: number; componentType?: string }) => string;
		expect(tip({ seriesName: CURVE_SERIES.today, dataIndex: 0 })).toContain('Total <b>$600</b>');
		expect(tip({ seriesName: CURVE_SERIES.total, dataIndex: 0, componentType: 'markPoint' })).toContain('Optimum (z = 2.00)');
		expect(tip({ seriesName: CURVE_SERIES.scaled, dataIndex: 0 })).toContain('Today&#39;s stock −50%'.replace('&#39;', "'"));
	});
	it('draws no points it does not have', () => {
		const bare = serviceCurveOption({ ...input, today: null, optimum: null, whatif: null }, SEMANTIC.dark);
		expect(bare.series.find((s) => s.name === CURVE_SERIES.today)!.data).toEqual([]);
		expect(bare.series[0].markPoint).toBeUndefined();
	});
	it('describes the chart with its figures', () => {
		expect(serviceCurveDescription(input)).toBe(
			'Total annual cost (carrying plus expected backorder cost) against inventory value. Today: inventory $1.2k, total cost $600 a year. Optimum: inventory $1.4k, total cost $370 a year at z = 2.00. Stock −50%: inventory $600, total cost $1.05k a year.'
		);
	});
});

describe('marker labels (issue 17: the what-if labels overlapped on the curve)', () => {
	const span = { x: 1000, y: 1000 };
	it('puts Today and What-if on their outer sides', () => {
		expect(markerLabels(pt(1200, 300, 300), pt(600, 150, 900), null, span)).toEqual({ today: 'right', whatif: 'left' });
		expect(markerLabels(pt(600, 150, 300), pt(1200, 300, 300), null, span)).toEqual({ today: 'left', whatif: 'right' });
	});

	it('stacks them when they are close in inventory value, the higher cost on top', () => {
		expect(markerLabels(pt(1000, 300, 300), pt(1020, 300, 500), null, span)).toEqual({ today: 'bottom', whatif: 'top' });
		expect(markerLabels(pt(1000, 300, 500), pt(1020, 300, 300), null, span)).toEqual({ today: 'top', whatif: 'bottom' });
	});

	it('keeps the what-if label off the optimum pin', () => {
		const opt = pt(1400, 350, 20);
		expect(markerLabels(pt(1000, 300, 300), pt(1420, 360, 20), opt, span)).toEqual({ today: 'left', whatif: 'bottom' });
		expect(markerLabels(null, null, opt, span)).toEqual({ today: 'right', whatif: 'left' });
	});

	it('draws the chosen positions and a short what-if label', () => {
		const o = serviceCurveOption(input, SEMANTIC.light);
		const label = (n: string) => (o.series.find((s) => s.name === n) as { label: { position: string; formatter: string } }).label;
		expect(label(CURVE_SERIES.today).position).toBe('right');
		expect(label(CURVE_SERIES.whatif)).toMatchObject({ position: 'left', formatter: 'Stock −50%' });
		expect(shortLabel('Carrying rate 18% and stock moved to the optimum')).toBe('Carrying rate 18% and stock…');
	});
});
