import { describe, expect, it } from 'vitest';
import { costTrendOption, fillRateOption, trendDescription } from './trend';
import { SEMANTIC } from './palette';
import type { TrendMonth } from '$lib/ledger/trend';

const month = (m: string, cost: Partial<TrendMonth>): TrendMonth => ({
	month: m, days: 31, service: 0, sales_time: 0, sales_opportunity: 0, cancelled: 0, deals: 0, cost: 0,
	inventory_value: null, savings: null, lines: 0, line_fill_rate: null, backorder_rate: null, ...cost
});
const trend = [
	month('2026-01-01', { service: 100, deals: 50.555, cost: 150.555, savings: 40, line_fill_rate: 0.95, backorder_rate: 0.05 }),
	month('2026-02-01', { service: 120, cancelled: 30, cost: 150, savings: null, line_fill_rate: 0.9, backorder_rate: 0.1 })
];

describe('trend charts', () => {
	it('stacks five cost components and draws savings as a line with gaps', () => {
		const o = costTrendOption(trend, SEMANTIC.light, false);
		expect(o.xAxis.data).toEqual(["Jan '26", "Feb '26"]);
		expect(o.series.map((s) => s.name)).toEqual(['Service contacts', 'Sales time', 'Selling time lost', 'Cancelled margin', 'Deals lost', 'Holding savings']);
		expect(o.series[0].data).toEqual([100, 120]);
		expect(o.series[4].data).toEqual([50.56, 0]);
		expect(o.series[5].data).toEqual([40, null]);
	});
	it('plots the fill rate alone, on one axis (the backorder rate is its complement, in the tooltip)', () => {
		const o = fillRateOption(trend, SEMANTIC.dark);
		expect(o.series.map((s) => [s.name, s.data])).toEqual([['Line fill rate', [0.95, 0.9]]]);
		expect(Array.isArray(o.yAxis)).toBe(false);
		// the axis starts at a round 10 points under the lowest month (0.9 → 90 %, 0.48 → 40 %), never below 0
		expect(o.yAxis.min({ min: 0.9 })).toBeCloseTo(0.9);
		expect(o.yAxis.min({ min: 0.48 })).toBeCloseTo(0.4);
		expect(o.yAxis.min({ min: 0.03 })).toBe(0);
		expect(o.tooltip.formatter([{ dataIndex: 1 }])).toBe("Feb '26<br/>Line fill rate <b>90.0%</b><br/>backordered lines 10.0%");
	});
	it('describes the trend in a sentence', () => {
		expect(trendDescription(trend)).toBe(
			"Monthly backorder cost from Jan '26 to Feb '26: $151 in the first month, $150 in the last, $301 in all (share-of-wallet loss not included), against $40 of holding savings. Line fill rate 95.0% → 90.0%."
		);
	});
});
