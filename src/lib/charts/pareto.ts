/**
 * Pareto chart of a breakdown: members as bars, largest first, and the cumulative share of the total as
 * a line on a percent axis with the 80 % mark, so "20 % of SKUs cause 80 % of the cost" is visible.
 * Pure: data in, ECharts option out.
 */
import { fitLabels } from './labels';
import { compactCurrency, percent } from '$lib/format';
import type { SemanticColours } from './palette';

export interface ParetoItem {
	key: string;
	label: string;
	value: number;
}

export interface ParetoData {
	bars: (ParetoItem & { cum: number })[];
	/** members with a positive value */
	count: number;
	total: number;
	/** fewest members whose cost reaches 80 % of the total (0 when the total is 0) */
	n80: number;
	/** members beyond the bars shown, and their value */
	rest: { count: number; value: number };
}

export function paretoData(items: readonly ParetoItem[], maxBars = 40): ParetoData {
	const sorted = items.filter((i) => i.value > 0).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
	const total = sorted.reduce((s, i) => s + i.value, 0);
	let run = 0;
	let n80 = 0;
	const withCum = sorted.map((i, k) => {
		run += i.value;
		if (n80 === 0 && total > 0 && run >= 0.8 * total - 1e-9 * total) n80 = k + 1;
		return { ...i, cum: total > 0 ? run / total : 0 };
	});
	const bars = withCum.slice(0, maxBars);
	const restItems = withCum.slice(maxBars);
	return { bars, count: sorted.length, total, n80, rest: { count: restItems.length, value: restItems.reduce((s, i) => s + i.value, 0) } };
}

/** One sentence for the text alternative and the caption. */
export function paretoSentence(d: ParetoData, plural: string): string {
	if (d.count === 0) return `No ${plural} carry attributable backorder cost.`;
	const share = d.n80 / d.count;
	return `${d.n80} of ${d.count} ${plural} (${percent(share, 0)}) account for 80% of the attributable cost.`;
}

/**
 * `width`, when known (the PDF), fits the member labels to their slots (wrapped at spaces, shrunk, never
 * rotated onto each other); labels that cannot fit even so are left out and the table beside names them.
 */
export function paretoOption(d: ParetoData, colours: SemanticColours & { accent?: string }, currency = 'USD', selected: string | null = null, opts: { width?: number } = {}) {
	const dim = (k: string) => selected !== null && k !== selected;
	const fitted = opts.width ? fitLabels(d.bars.map((b) => b.label), (opts.width - 90) / Math.max(1, d.bars.length), { maxFont: 9, minFont: 6, maxLines: 3 }) : null;
	return {
		aria: { enabled: false },
		grid: { left: 8, right: 8, top: 30, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (params: { dataIndex: number }[]) => {
				const b = d.bars[params[0]?.dataIndex ?? 0];
				if (!b) return '';
				return `${escapeHtml(b.label)}<br/><b>${compactCurrency(b.value, currency)}</b> · cumulative ${percent(b.cum, 1)}`;
			}
		},
		xAxis: {
			type: 'category',
			data: fitted ? fitted.labels : d.bars.map((b) => b.label),
			axisLabel: fitted
				? { interval: 0, rotate: 0, overflow: 'none', fontSize: fitted.fontSize, lineHeight: Math.ceil(fitted.fontSize * 1.2), show: fitted.rotate === 0 }
				: { interval: d.bars.length > 16 ? 'auto' : 0, rotate: d.bars.length > 8 ? 35 : 0, width: 110, overflow: 'truncate', fontSize: 11 },
			axisTick: { alignWithLabel: true }
		},
		yAxis: [
			{ type: 'value', axisLabel: { formatter: (v: number) => compactCurrency(v, currency) } },
			{ type: 'value', min: 0, max: 1, splitLine: { show: false }, axisLabel: { formatter: (v: number) => percent(v, 0) } }
		],
		series: [
			{
				name: 'Cost',
				type: 'bar',
				barMaxWidth: 36,
				data: d.bars.map((b) => ({
					value: b.value,
					name: b.key,
					itemStyle: { color: colours.cost, opacity: dim(b.key) ? 0.3 : 1, borderRadius: [3, 3, 0, 0] }
				}))
			},
			{
				name: 'Cumulative share',
				type: 'line',
				yAxisIndex: 1,
				symbolSize: 5,
				lineStyle: { color: colours.net, width: 2 },
				itemStyle: { color: colours.net },
				data: d.bars.map((b) => b.cum),
				markLine: {
					silent: true,
					symbol: 'none',
					lineStyle: { type: 'dashed', color: colours.muted },
					label: { formatter: '80%', color: colours.text, position: 'insideEndTop' },
					data: [{ yAxis: 0.8 }]
				}
			}
		]
	};
}

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
