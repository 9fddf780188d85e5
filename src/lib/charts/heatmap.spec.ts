import { describe, expect, it } from 'vitest';
import { SEMANTIC } from './palette';
import { heatmapData, heatmapOption, heatmapSentence } from './heatmap';

const cells = [
	{ row: 'Acme', col: '2025-02', value: 5 },
	{ row: 'Acme', col: '2025-01', value: 10 },
	{ row: 'Bolt', col: '2025-01', value: 30 },
	{ row: null, col: '2025-03', value: 1 },
	{ row: 'Bolt', col: '2025-03', value: 0 }
];

describe('heatmap', () => {
	it('orders rows by cost, months in time, and places each cell', () => {
		const d = heatmapData(cells, { chronologicalCols: true });
		expect(d.rows.map((r) => r.label)).toEqual(['Bolt', 'Acme', '(none)']);
		expect(d.cols.map((c) => c.key)).toEqual(['2025-01', '2025-02', '2025-03']);
		expect(d.cells).toEqual([
			[0, 0, 30],
			[0, 1, 10],
			[1, 1, 5],
			[2, 2, 1]
		]);
		expect(d.max).toBe(30);
		expect(d.hidden).toEqual({ rows: 0, cols: 0, value: 0 });
	});

	it('keeps the largest rows and columns and reports what it left out', () => {
		const d = heatmapData(cells, { maxRows: 1, maxCols: 1 });
		expect(d.rows.map((r) => r.key)).toEqual(['Bolt']);
		expect(d.cols.map((c) => c.key)).toEqual(['2025-01']);
		expect(d.hidden).toEqual({ rows: 2, cols: 2, value: 16 });
	});

	it('builds a heat map option that fades cells outside a pick', () => {
		const d = heatmapData(cells, { chronologicalCols: true });
		const o = heatmapOption(d, SEMANTIC.dark, { dark: true, selectedRow: 'Acme' });
		expect(o.visualMap.max).toBe(30);
		expect(o.series[0].data.map((c) => c.itemStyle.opacity)).toEqual([0.35, 1, 1, 0.35]);
		expect(o.tooltip.formatter({ value: [0, 0, 30] })).toBe('Bolt · 2025-01<br/><b>$30</b>');
		expect(heatmapSentence(d, 'suppliers', 'months')).toBe(
			'Backorder cost by suppliers (3 shown) and months (3 shown); the highest cell is Bolt in 2025-01 at $30.'
		);
		expect(heatmapSentence(heatmapData([]), 'a', 'b')).toBe('No attributable cost by a and b.');
	});
});
