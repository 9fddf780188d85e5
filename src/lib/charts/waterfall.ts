/**
 * Waterfall from each backorder cost component, down through holding savings, to net cost.
 * Pure: data in, ECharts option out, so the maths of the steps is unit-tested.
 */
import { compactCurrency } from '$lib/format';
import type { SemanticColours } from './palette';

export interface WaterfallStep {
	key: string;
	label: string;
	value: number;
}

export interface WaterfallBar {
	label: string;
	key: string;
	/** invisible part under the visible bar */
	base: number;
	/** visible height (always ≥ 0) */
	height: number;
	value: number;
	kind: 'cost' | 'saving' | 'total' | 'net';
}

/**
 * Costs rise from zero; the total is a full bar; savings step down from the total (a negative saving
 * — lean cost more to carry — steps up); net is a full bar. Bars that cross zero are drawn from the
 * lower end so the picture stays truthful.
 */
export function waterfallBars(components: WaterfallStep[], savings: number): WaterfallBar[] {
	const bars: WaterfallBar[] = [];
	let running = 0;
	for (const c of components) {
		const start = running;
		running += c.value;
		bars.push({ label: c.label, key: c.key, base: Math.min(start, running), height: Math.abs(c.value), value: c.value, kind: 'cost' });
	}
	const total = running;
	bars.push({ label: 'Total backorder cost', key: 'total', base: Math.min(0, total), height: Math.abs(total), value: total, kind: 'total' });
	const net = total - savings;
	bars.push({ label: 'Holding savings', key: 'savings', base: Math.min(total, net), height: Math.abs(savings), value: -savings, kind: 'saving' });
	bars.push({ label: 'Net cost', key: 'net', base: Math.min(0, net), height: Math.abs(net), value: net, kind: 'net' });
	return bars;
}

export function waterfallOption(bars: WaterfallBar[], colours: SemanticColours, currency = 'USD') {
	const colourOf = (b: WaterfallBar) =>
		b.kind === 'saving' ? colours.saving : b.kind === 'net' ? colours.net : b.kind === 'total' ? colours.text : colours.cost;
	return {
		aria: { enabled: false },
		grid: { left: 8, right: 16, top: 28, bottom: 22, containLabel: true },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			valueFormatter: undefined,
			formatter: (params: { dataIndex: number }[]) => {
				const b = bars[params[0]?.dataIndex ?? 0];
				return `${b.label}<br/><b>${compactCurrency(b.value, currency)}</b>`;
			}
		},
		xAxis: {
			type: 'category',
			data: bars.map((b) => b.label),
			axisLabel: { interval: 0, width: 96, overflow: 'break', fontSize: 11, lineHeight: 14 }
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
				data: bars.map((b) => b.base)
			},
			{
				name: 'value',
				type: 'bar',
				stack: 'w',
				barMaxWidth: 64,
				data: bars.map((b) => ({ value: b.height, name: b.key, itemStyle: { color: colourOf(b), borderRadius: 3 } })),
				label: {
					show: true,
					position: 'top',
					fontSize: 11,
					color: colours.text,
					formatter: (p: { dataIndex: number }) => compactCurrency(bars[p.dataIndex].value, currency)
				}
			}
		]
	};
}
