import { describe, expect, it } from 'vitest';
import { SEMANTIC } from './palette';
import { escapeHtml, paretoData, paretoOption, paretoSentence } from './pareto';

const items = [
	{ key: 'a', label: 'A', value: 10 },
	{ key: 'b', label: 'B', value: 50 },
	{ key: 'c', label: 'C', value: 30 },
	{ key: 'd', label: 'D', value: 10 },
	{ key: 'z', label: 'Z', value: 0 }
];

describe('pareto', () => {
	it('sorts, accumulates and finds the 80% point', () => {
		const d = paretoData(items);
		expect(d.bars.map((b) => b.key)).toEqual(['b', 'c', 'a', 'd']);
		expect(d.bars.map((b) => b.cum)).toEqual([0.5, 0.8, 0.9, 1]);
		expect(d.n80).toBe(2);
		expect(d.count).toBe(4);
		expect(d.total).toBe(100);
		expect(paretoSentence(d, 'suppliers')).toBe('2 of 4 suppliers (50%) account for 80% of the attributable cost.');
	});

	it('caps the bars and reports the rest', () => {
		const d = paretoData(items, 2);
		expect(d.bars).toHaveLength(2);
		expect(d.rest).toEqual({ count: 2, value: 20 });
		expect(d.n80).toBe(2);
	});

	it('handles nothing to show', () => {
		const d = paretoData([]);
		expect(d).toMatchObject({ count: 0, total: 0, n80: 0 });
		expect(paretoSentence(d, 'SKUs')).toBe('No SKUs carry attributable backorder cost.');
	});

	it('builds bars, a cumulative line on a percent axis with an 80% mark, and dims unpicked bars', () => {
		const o = paretoOption(paretoData(items), SEMANTIC.light, 'USD', 'c');
		expect((o.series[0].data as { itemStyle: { opacity: number } }[]).map((x) => x.itemStyle.opacity)).toEqual([0.3, 1, 0.3, 0.3]);
		expect(o.series[1].yAxisIndex).toBe(1);
		expect(o.series[1].markLine!.data).toEqual([{ yAxis: 0.8 }]);
		expect(o.yAxis[1]).toMatchObject({ min: 0, max: 1 });
		expect(o.tooltip.formatter([{ dataIndex: 0 }])).toBe('B<br/><b>$50</b> · cumulative 50.0%');
		expect(escapeHtml('<b>&')).toBe('&lt;b&gt;&amp;');
	});
});

describe('paretoOption at a known width (the PDF)', () => {
	it('wraps member names at spaces to fit their slots instead of rotating them onto each other', async () => {
		const { paretoData, paretoOption } = await import('./pareto');
		const { textWidth } = await import('./labels');
		const { SEMANTIC } = await import('./palette');
		const names = ['Crestline Manufacturing', 'Brightway Components', 'Apex Industrial', 'Marlow Chemical', 'Lumen Works', 'Foxridge Tools', 'Pembrook HVAC', 'Everline Products', 'Goldcrest Electric', 'Orchard Abrasives', 'Ridgeway Metals', 'Vireo Lighting'];
		const d = paretoData(names.map((label, i) => ({ key: `k${i}`, label, value: 100 - i })), 12);
		const o = paretoOption(d, SEMANTIC.light, 'USD', null, { width: 720 });
		const slot = (720 - 90) / 12;
		expect(o.xAxis.axisLabel).toMatchObject({ rotate: 0, show: true, interval: 0 });
		for (const l of o.xAxis.data as string[]) for (const line of l.split('\n')) expect(textWidth(line, o.xAxis.axisLabel.fontSize), line).toBeLessThanOrEqual(slot - 4);
		expect(o.xAxis.data[0]).toBe('Crestline\nManufacturing');
	});
});
