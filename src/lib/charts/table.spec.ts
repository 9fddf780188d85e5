import { describe, expect, it } from 'vitest';
import { optionTable } from './table';
import { fillRateOption } from './trend';
import { waterfallBars, waterfallOption } from './waterfall';
import { SEMANTIC } from './palette';

describe('optionTable: the chart as a table', () => {
	it('lists categories × series with the axis formatter, skipping silent helper series', () => {
		const month = (m: string, r: number) => ({ month: m, days: 30, service: 0, sales_time: 0, sales_opportunity: 0, cancelled: 0, deals: 0, cost: 0, inventory_value: null, savings: null, lines: 10, line_fill_rate: r, backorder_rate: 1 - r });
		const t = optionTable(fillRateOption([month('2026-01-01', 0.95), month('2026-02-01', 0.9)], SEMANTIC.light));
		expect(t).toEqual({ columns: ['', 'Line fill rate'], rows: [{ cells: ["Jan '26", '95%'] }, { cells: ["Feb '26", '90%'] }] });
	});

	it('reads the waterfall: the invisible base is left out, wrapped labels are one line', () => {
		const o = waterfallOption(waterfallBars([{ key: 's', label: 'Service contacts', value: 100 }], 40), SEMANTIC.light, 'USD', { width: 200 });
		const t = optionTable(o)!;
		expect(t.columns).toEqual(['', 'value', 'below zero']);
		expect(t.rows.map((r) => r.cells[0])).toEqual(['Service contacts', 'Total backorder cost', 'Holding savings', 'Net cost']);
		expect(t.rows[0].cells[1]).toBe('$100');
	});

	it('lists heat-map cells and value-axis points', () => {
		const heat = optionTable({
			tooltip: { valueFormatter: (v: number) => `$${v}` },
			xAxis: { type: 'category', data: ['Jan', 'Feb'], name: 'Month' },
			yAxis: { type: 'category', data: ['Pumps'], name: 'Category' },
			series: [{ type: 'heatmap', data: [[0, 0, 5], [1, 0, 7]] }]
		});
		expect(heat).toEqual({ columns: ['Category', 'Month', 'Value'], rows: [{ cells: ['Pumps', 'Jan', '$5'] }, { cells: ['Pumps', 'Feb', '$7'] }] });
		const pts = optionTable({ xAxis: { type: 'value', name: 'Inventory' }, yAxis: { type: 'value', name: 'Cost' }, series: [{ name: 'Curve', type: 'line', data: [[1, 2.5]] }] });
		expect(pts).toEqual({ columns: ['Series', 'Inventory', 'Cost'], rows: [{ cells: ['Curve', '1', '2.50'] }] });
		expect(optionTable(null)).toBeNull();
		expect(optionTable({ series: [] })).toBeNull();
	});
});
