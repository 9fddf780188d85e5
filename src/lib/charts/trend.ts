/**
 * The ledger's monthly charts: backorder cost (stacked by component) against holding savings, and the
 * fill rate against the backorder rate. Pure option builders.
 */
import { compactCurrency, monthShort, percent } from '$lib/format';
import type { TrendMonth } from '$lib/ledger/trend';
import type { SemanticColours } from './palette';

const COST_SERIES = [
	{ key: 'service', name: 'Service contacts' },
	{ key: 'sales_time', name: 'Sales time' },
	{ key: 'sales_opportunity', name: 'Selling time lost' },
	{ key: 'cancelled', name: 'Cancelled margin' },
	{ key: 'deals', name: 'Deals lost' }
] as const;

/** Warm shades for costs, so the stack reads as one family against the green savings line. */
const COST_SHADES = {
	light: ['#7c2d12', '#c2410c', '#ea580c', '#f59e0b', '#fdba74'],
	dark: ['#fdba74', '#fb923c', '#f97316', '#fbbf24', '#c2410c']
};

export function costTrendOption(trend: TrendMonth[], colours: SemanticColours, dark: boolean, currency = 'USD') {
	const shades = dark ? COST_SHADES.dark : COST_SHADES.light;
	return {
		grid: { left: 8, right: 16, top: 40, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
		tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => compactCurrency(v, currency) },
		xAxis: { type: 'category', data: trend.map((t) => monthShort(t.month)) },
		yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactCurrency(v, currency) } },
		series: [
			...COST_SERIES.map((s, i) => ({
				name: s.name,
				type: 'bar',
				stack: 'cost',
				barMaxWidth: 36,
				itemStyle: { color: shades[i] },
				data: trend.map((t) => round(t[s.key]))
			})),
			{
				name: 'Holding savings',
				type: 'line',
				symbolSize: 6,
				lineStyle: { width: 3, color: colours.saving },
				itemStyle: { color: colours.saving },
				data: trend.map((t) => (t.savings === null ? null : round(t.savings)))
			}
		]
	};
}

/**
 * Line fill rate by month, one series on one axis: the backorder rate is 1 − fill rate, so a second
 * line on a second axis only mirrored the first (and read as two findings). The tooltip gives both.
 */
export function fillRateOption(trend: TrendMonth[], colours: SemanticColours) {
	return {
		grid: { left: 8, right: 16, top: 16, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			trigger: 'axis',
			formatter: (p: { dataIndex: number }[]) => {
				const t = trend[p[0]?.dataIndex ?? 0];
				return `${monthShort(t.month)}<br/>Line fill rate <b>${percent(t.line_fill_rate)}</b><br/>backordered lines ${percent(t.backorder_rate)}`;
			}
		},
		xAxis: { type: 'category', data: trend.map((t) => monthShort(t.month)) },
		// no axis name (the card's title says it, and the grid's top cut it off); the floor on a 10-point
		// step, so the lowest label is a round one and not a 2-point stub under the next (48% under 50%)
		yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min * 10) / 10), max: 1, axisLabel: { formatter: (v: number) => percent(v, 0) } },
		series: [
			{ name: 'Line fill rate', type: 'line', symbolSize: 6, lineStyle: { width: 3, color: colours.net }, itemStyle: { color: colours.net }, data: trend.map((t) => t.line_fill_rate) }
		]
	};
}

/** A sentence for screen readers and the PDF: the first and last month and the direction. */
export function trendDescription(trend: TrendMonth[], currency = 'USD'): string {
	if (trend.length === 0) return 'No months in the period.';
	const first = trend[0];
	const last = trend.at(-1)!;
	const total = trend.reduce((s, t) => s + t.cost, 0);
	const savings = trend.reduce((s, t) => s + (t.savings ?? 0), 0);
	return (
		`Monthly backorder cost from ${monthShort(first.month)} to ${monthShort(last.month)}: ${compactCurrency(first.cost, currency)} in the first month, ` +
		`${compactCurrency(last.cost, currency)} in the last, ${compactCurrency(total, currency)} in all (share-of-wallet loss not included), ` +
		`against ${compactCurrency(savings, currency)} of holding savings. Line fill rate ${percent(first.line_fill_rate)} → ${percent(last.line_fill_rate)}.`
	);
}

const round = (v: number) => Math.round(v * 100) / 100;
