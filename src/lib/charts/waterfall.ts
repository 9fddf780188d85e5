/**
 * Waterfall from each backorder cost component, down through holding savings, to net cost.
 * Pure: data in, ECharts option out, so the maths of the steps is unit-tested.
 */
import { compactCurrency } from '$lib/format';
import type { SemanticColours } from './palette';
import { fitLabels } from './labels';
import type { ChartTable } from './table';

/** What the value axis and the grid's sides take from the chart's width, before the bars share it. */
const AXIS_ROOM = 70;
/** Slot per bar when the drawing width is not known (the page: a card about 1,000 px wide). */
const DEFAULT_SLOT = 96;

export interface WaterfallStep {
	key: string;
	label: string;
	value: number;
}

export interface WaterfallBar {
	label: string;
	key: string;
	/** the span the bar covers on the value axis */
	low: number;
	high: number;
	value: number;
	kind: 'cost' | 'saving' | 'total' | 'net';
}

const span = (a: number, b: number) => ({ low: Math.min(a, b), high: Math.max(a, b) });

/**
 * Costs rise from zero; the total is a full bar; savings step down from the total (a negative saving
 * — lean cost more to carry — steps up); net is a full bar from zero, below it when savings exceed cost.
 */
export function waterfallBars(components: WaterfallStep[], savings: number): WaterfallBar[] {
	const bars: WaterfallBar[] = [];
	let running = 0;
	for (const c of components) {
		const start = running;
		running += c.value;
		bars.push({ label: c.label, key: c.key, ...span(start, running), value: c.value, kind: 'cost' });
	}
	const total = running;
	bars.push({ label: 'Total backorder cost', key: 'total', ...span(0, total), value: total, kind: 'total' });
	const net = total - savings;
	bars.push({ label: 'Holding savings', key: 'savings', ...span(total, net), value: -savings, kind: 'saving' });
	bars.push({ label: 'Net cost', key: 'net', ...span(0, net), value: net, kind: 'net' });
	return bars;
}

/**
 * ECharts stacks positive and negative values apart, so a floating bar is an invisible base plus a
 * visible part on each side of zero: above zero [max(low,0), high], below zero [low, min(high,0)].
 */
export function stackParts(b: WaterfallBar): { base: number; up: number; down: number } {
	if (b.low >= 0) return { base: b.low, up: b.high - b.low, down: 0 };
	if (b.high <= 0) return { base: b.high, up: 0, down: b.low - b.high };
	return { base: 0, up: b.high, down: b.low };
}

/**
 * `width`, when known (the PDF), sizes each bar's label slot so labels wrap at spaces, shrink or rotate
 * to fit it instead of colliding with their neighbours.
 */
export function waterfallOption(bars: WaterfallBar[], colours: SemanticColours, currency = 'USD', opts: { width?: number } = {}) {
	const colourOf = (b: WaterfallBar) =>
		b.kind === 'saving' ? colours.saving : b.kind === 'net' ? colours.net : b.kind === 'total' ? colours.text : colours.cost;
	const parts = bars.map(stackParts);
	const slot = opts.width ? (opts.width - AXIS_ROOM) / Math.max(1, bars.length) : DEFAULT_SLOT;
	const fitted = fitLabels(
		bars.map((b) => b.label),
		slot
	);
	const label = (p: { dataIndex: number }) => compactCurrency(bars[p.dataIndex].value, currency);
	// the label goes on the part that is drawn: above the bar, or below it when the bar lies under zero
	const visible = (which: 'up' | 'down') =>
		bars.map((b, i) => {
			const v = parts[i][which];
			const labelled = which === 'up' ? v !== 0 || parts[i].down === 0 : parts[i].up === 0 && v !== 0;
			return { value: v, name: b.key, itemStyle: { color: colourOf(b), borderRadius: 3 }, label: { show: labelled } };
		});
	return {
		grid: { left: 8, right: 16, top: 28, bottom: 22 },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (params: { dataIndex: number }[]) => {
				const b = bars[params[0]?.dataIndex ?? 0];
				return `${b.label}<br/><b>${compactCurrency(b.value, currency)}</b>`;
			}
		},
		xAxis: {
			type: 'category',
			data: fitted.labels,
			// wrapped by fitLabels (at spaces only); ECharts must not cut them again
			axisLabel: { interval: 0, overflow: 'none', fontSize: fitted.fontSize, lineHeight: Math.ceil(fitted.fontSize * 1.25), rotate: fitted.rotate }
		},
		yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactCurrency(v, currency) } },
		series: [
			{
				name: 'base',
				type: 'bar',
				stack: 'w',
				silent: true,
				itemStyle: { color: 'transparent' },
				emphasis: { disabled: true },
				data: parts.map((p) => p.base)
			},
			{
				name: 'value',
				type: 'bar',
				stack: 'w',
				barMaxWidth: 64,
				data: visible('up'),
				label: { position: 'top', fontSize: 11, color: colours.text, formatter: label }
			},
			{
				name: 'below zero',
				type: 'bar',
				stack: 'w',
				barMaxWidth: 64,
				data: visible('down'),
				label: { position: 'bottom', fontSize: 11, color: colours.text, formatter: label }
			}
		]
	};
}

/** The waterfall as a table for the chart's "View as table": each bar's amount, linked where a click leads. */
export function waterfallTable(bars: WaterfallBar[], currency = 'USD', linkOf: (key: string) => string | null = () => null): ChartTable {
	return {
		columns: ['Step', 'Amount'],
		rows: bars.map((b) => ({ cells: [b.label, compactCurrency(b.value, currency)], href: linkOf(b.key) }))
	};
}
