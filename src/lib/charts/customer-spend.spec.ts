import { describe, expect, it } from 'vitest';
import { customerSpendOption, dealsTrendOption } from './customer-spend';
import { SEMANTIC } from './palette';

const c = SEMANTIC.dark;
const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08'].map((m, i) => ({
	month: m,
	spend: 100 + i,
	backordered: m === '2025-07'
}));

describe('customerSpendOption', () => {
	it('colours the incident month, and draws the pre-incident level from t0−6', () => {
		const o = customerSpendOption(months, '2025-07', 103.5, c);
		expect(o.xAxis.data[0]).toBe("Jan '25");
		const bars = o.series[0].data;
		expect(bars[6].itemStyle.color).toBe(c.cost);
		expect(bars[5].itemStyle.color).toBe(c.net);
		expect(o.series[0].markLine!.data).toEqual([[{ coord: [0, 103.5] }, { coord: [7, 103.5] }]]);
	});
	it('has no level line for a customer never backordered', () => {
		expect(customerSpendOption(months, null, null, c).series[0].markLine).toBeUndefined();
	});
});

describe('dealsTrendOption', () => {
	it('puts value on bars and count on a second axis', () => {
		const o = dealsTrendOption([{ month: '2025-11', deals: 3, value: 1200 }], c);
		expect(o.series[0].data).toEqual([1200]);
		expect(o.series[1]).toMatchObject({ yAxisIndex: 1, data: [3] });
	});
});
