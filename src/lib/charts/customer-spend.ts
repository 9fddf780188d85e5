/**
 * Monthly bar charts of the customer pages: a customer's spend by month against their pre-incident level,
 * and the monthly trend of deals lost to availability. Pure: data in, option out.
 */
import { compactCurrency, monthShort } from '$lib/format';
import type { SemanticColours } from './palette';

export interface SpendBar {
	month: string;
	spend: number;
	backordered: boolean;
}

const monthTick = (m: string) => monthShort(`${m}-01`);

/**
 * Bars by month: the incident month and backordered months in the cost colour, the rest in the accent;
 * a dashed line at the pre-incident level (when there is one) across the months from t0−6 on.
 */
export function customerSpendOption(
	months: readonly SpendBar[],
	t0: string | null,
	preLevel: number | null,
	colours: SemanticColours,
	currency = 'USD'
) {
	const labels = months.map((m) => monthTick(m.month));
	const t0Index = t0 ? months.findIndex((m) => m.month === t0) : -1;
	const levelFrom = Math.max(0, t0Index - 6);
	return {
		aria: { enabled: false },
		grid: { left: 8, right: 16, top: 28, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			valueFormatter: (v: number) => compactCurrency(v, currency)
		},
		xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 11, hideOverlap: true } },
		yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactCurrency(v, currency) } },
		series: [
			{
				name: 'Spend',
				type: 'bar',
				barMaxWidth: 28,
				data: months.map((m, i) => ({
					value: Math.round(m.spend * 100) / 100,
					itemStyle: { color: i === t0Index || m.backordered ? colours.cost : colours.net, borderRadius: [2, 2, 0, 0] }
				})),
				markLine:
					preLevel !== null && t0Index >= 0
						? {
								silent: true,
								symbol: 'none',
								lineStyle: { color: colours.text, type: 'dashed', width: 1.5 },
								label: { show: true, position: 'insideEndTop', color: colours.text, formatter: `pre-incident level ${compactCurrency(preLevel, currency)}/mo` },
								data: [[{ coord: [levelFrom, preLevel] }, { coord: [months.length - 1, preLevel] }]]
							}
						: undefined
			}
		]
	};
}

export interface MonthValue {
	month: string;
	deals: number;
	value: number;
}

/** Deals lost to availability by month: value as bars, count as a line on a second axis. */
export function dealsTrendOption(months: readonly MonthValue[], colours: SemanticColours, currency = 'USD') {
	return {
		aria: { enabled: false },
		grid: { left: 8, right: 8, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		legend: { top: 0, left: 0, itemWidth: 14 },
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
		xAxis: { type: 'category', data: months.map((m) => monthTick(m.month)), axisLabel: { fontSize: 11, hideOverlap: true } },
		yAxis: [
			{ type: 'value', axisLabel: { formatter: (v: number) => compactCurrency(v, currency) } },
			{ type: 'value', splitLine: { show: false }, minInterval: 1 }
		],
		series: [
			{
				name: 'Value lost',
				type: 'bar',
				barMaxWidth: 28,
				itemStyle: { color: colours.cost, borderRadius: [2, 2, 0, 0] },
				data: months.map((m) => m.value),
				tooltip: { valueFormatter: (v: number) => compactCurrency(v, currency) }
			},
			{
				name: 'Deals',
				type: 'line',
				yAxisIndex: 1,
				symbolSize: 5,
				itemStyle: { color: colours.text },
				lineStyle: { color: colours.text, width: 1.5 },
				data: months.map((m) => m.deals)
			}
		]
	};
}
