import { describe, expect, it } from 'vitest';
import { markerSize, timelineOption, tooltipHtml } from './timeline';
import { SEMANTIC } from './palette';
import type { TimelineEvent } from '$lib/customers/timeline';

const events: TimelineEvent[] = [
	{ id: 'O1', lane: 'Orders', date: '2025-02-01', label: 'O1', detail: '1 line, 1 backordered', tone: 'cost', value: 400 },
	{ id: 'O1:bo', lane: 'Backorders', date: '2025-02-01', end: '2025-02-15', label: 'O1', detail: 'waited 14 days', tone: 'cost', value: 50 },
	{ id: 'O2', lane: 'Orders', date: '2025-03-01', label: 'O2', detail: '1 line', tone: 'neutral', value: 100 },
	{ id: 'K1', lane: 'Service contacts', date: '2025-02-03', label: 'phone · <ETA>', detail: '', tone: 'cost' },
	{ id: 'S1', lane: 'Sales contacts', date: '2025-02-04', label: 'visit', detail: '', tone: 'neutral', visit: true }
];

describe('timelineOption', () => {
	const o = timelineOption(events, SEMANTIC.light, { period: { from: '2025-01-01', to: '2025-12-31' } });
	it('has one lane per kind, first on top', () => {
		expect(o.yAxis.data).toEqual(['Opportunities', 'Sales contacts', 'Escalations', 'Service contacts', 'Backorders', 'Orders']);
	});
	it('draws each backorder as a span from order to fill, broken between spans', () => {
		const spans = o.series[0].data as ({ value: string[] } | string)[];
		expect(spans.map((s) => (typeof s === 'string' ? s : s.value[0]))).toEqual(['2025-02-01', '2025-02-15', '-']);
		expect((o.series[0] as { markArea?: { data: unknown } }).markArea!.data).toEqual([[{ xAxis: '2025-01-01' }, { xAxis: '2025-12-31' }]]);
	});
	it('sizes orders by value and marks visits as squares', () => {
		const orders = o.series.find((s) => s.name === 'Orders')!.data as { symbolSize: number }[];
		expect(orders.map((d) => d.symbolSize)).toEqual([17, 11]);
		const sales = o.series.find((s) => s.name === 'Sales contacts')!.data as { symbol: string }[];
		expect(sales[0].symbol).toBe('rect');
		expect(markerSize(undefined, 10)).toBe(7);
	});
	it('escapes text in tooltips', () => {
		expect(tooltipHtml(events[3])).toBe('<b>phone · &#60;ETA&#62;</b><br/>3 Feb 2025');
		expect(tooltipHtml(events[1])).toContain('1 Feb 2025 → 15 Feb 2025');
	});
});
