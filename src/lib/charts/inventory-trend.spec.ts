import { describe, expect, it } from 'vitest';
import { SEMANTIC } from './palette';
import { holdingMonthsOption, inventoryTrendOption } from './inventory-trend';

const series = [
	{ date: '2025-01-06', value: 1000 },
	{ date: '2025-01-13', value: 900 },
	{ date: '2025-06-02', value: 700 }
];

describe('inventoryTrendOption', () => {
	const o = inventoryTrendOption(
		{ series, baseline: { from: '2025-01-06', to: '2025-01-13', value: 950 }, period: { from: '2025-06-01', to: '2025-06-30' }, periodValue: 700 },
		SEMANTIC.light
	);
	const s = o.series[0];
	it('draws the value per snapshot date on a time axis', () => {
		expect(o.xAxis.type).toBe('time');
		expect(s.data).toEqual([
			['2025-01-06', 1000],
			['2025-01-13', 900],
			['2025-06-02', 700]
		]);
	});
	it('marks the baseline and the period mean, and shades the baseline window and the period', () => {
		expect(s.markLine.data).toMatchObject([{ name: 'Baseline', yAxis: 950 }, { name: 'Period mean', yAxis: 700 }]);
		expect(s.markArea.data).toMatchObject([
			[{ name: 'Baseline window', xAxis: '2025-01-06' }, { xAxis: '2025-01-13' }],
			[{ name: 'Period', xAxis: '2025-06-01' }, { xAxis: '2025-06-30' }]
		]);
		const formatter = o.tooltip.formatter as (p: { value: [string, number] }[]) => string;
		expect(formatter([{ value: ['2025-01-06', 1000] }])).toBe('6 Jan 2025<br/><b>$1k</b>');
	});
	it('leaves out what it does not have', () => {
		const none = inventoryTrendOption({ series, baseline: null, period: { from: '2025-06-01', to: '2025-06-30' }, periodValue: null }, SEMANTIC.dark);
		expect(none.series[0].markLine.data).toEqual([]);
		expect(none.series[0].markArea.data).toHaveLength(1);
	});
});

describe('holdingMonthsOption', () => {
	it('puts holding cost and savings side by side per month', () => {
		const o = holdingMonthsOption(
			[
				{ month: '2025-06-01', value: 700, snapshots: 4, days: 30, holding_cost: 14.38, savings: 5.14 },
				{ month: '2025-07-01', value: 800, snapshots: 4, days: 31, holding_cost: 16.99, savings: null }
			],
			SEMANTIC.light
		);
		expect(o.xAxis.data).toEqual(["Jun '25", "Jul '25"]);
		expect(o.series.map((x) => x.data)).toEqual([
			[14.38, 16.99],
			[5.14, null]
		]);
		expect(o.series[1].itemStyle.color).toBe(SEMANTIC.light.saving);
	});
});
