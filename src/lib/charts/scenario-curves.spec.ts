import { describe, expect, it } from 'vitest';
import { SEMANTIC } from './palette';
import { scenarioCurvesDescription, scenarioCurvesOption, type ScenarioCurve } from './scenario-curves';

const pt = (inventory_value: number, total_cost: number, z = 1) => ({ inventory_value, total_cost, carrying_cost: total_cost / 2, backorder_cost: total_cost / 2, fill_rate: 0.95, units_short: 0, z, in_stock: 0.8 });
const a: ScenarioCurve = { name: 'default', curve: [pt(100, 50), pt(200, 40, 2), pt(300, 60, 3)], today: pt(150, 55), optimum: pt(200, 40, 2) };
const b: ScenarioCurve = { name: 'CFO 18', curve: [pt(100, 45), pt(200, 42, 2)], today: pt(150, 48), optimum: null };

describe('two scenarios on one capital chart', () => {
	it('draws each curve and today point under the scenario name, the second dashed', () => {
		const o = scenarioCurvesOption(a, b, SEMANTIC.light, ['#111', '#222']);
		expect(o.series.map((s) => s.name)).toEqual(['default', 'default: today', 'CFO 18', 'CFO 18: today']);
		expect(o.series[0].data).toEqual([[100, 50], [200, 40], [300, 60]]);
		expect(o.series[1].data).toEqual([[150, 55]]);
		expect(o.series[2].data).toEqual([[100, 45], [200, 42]]);
		expect(o.series[0].markPoint?.data[0].coord).toEqual([200, 40]);
		expect(o.series[2].markPoint).toBeUndefined();
		expect((o.series[2].lineStyle as { type: string }).type).toBe('dashed');
	});

	it('describes both in text', () => {
		expect(scenarioCurvesDescription(a, b)).toBe(
			'Total annual cost against inventory value under two scenarios. default: today $55 a year at inventory $150; optimum $40 a year at inventory $200. CFO 18: today $48 a year at inventory $150; no optimum.'
		);
	});
});
