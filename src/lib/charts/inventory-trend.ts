/**
 * Inventory value over time against the baseline (a line with the baseline as a mark line and the
 * baseline window and the period shaded), and holding cost and savings by month (bars). Pure: data in,
 * ECharts option out.
 */
import { compactCurrency, dateLong, monthShort } from '$lib/format';
import type { MonthHolding, SeriesPoint } from '$lib/capital/holding';
import type { SemanticColours } from './palette';

export interface TrendInput {
	series: readonly SeriesPoint[];
	baseline: { from: string; to: string; value: number } | null;
	period: { from: string; to: string };
	/** the period's mean value (the ledger's), drawn as a second mark line */
	periodValue: number | null;
}

export function inventoryTrendOption(input: TrendInput, colours: SemanticColours, currency = 'USD') {
	const money = (v: number) => compactCurrency(v, currency);
	const lines: object[] = [];
	if (input.baseline) {
		lines.push({
			name: 'Baseline',
			yAxis: input.baseline.value,
			lineStyle: { color: colours.muted, type: 'dashed', width: 1.5 },
			label: { formatter: `Baseline ${money(input.baseline.value)}`, position: 'insideEndTop', color: colours.text }
		});
	}
	if (input.periodValue !== null) {
		lines.push({
			name: 'Period mean',
			yAxis: input.periodValue,
			lineStyle: { color: colours.saving, type: 'dotted', width: 1.5 },
			label: { formatter: `Period mean ${money(input.periodValue)}`, position: 'insideEndBottom', color: colours.text }
		});
	}
	const areas: object[][] = [];
	if (input.baseline) areas.push([{ name: 'Baseline window', xAxis: input.baseline.from, itemStyle: { color: colours.muted, opacity: 0.12 } }, { xAxis: input.baseline.to }]);
	areas.push([{ name: 'Period', xAxis: input.period.from, itemStyle: { color: colours.net, opacity: 0.07 } }, { xAxis: input.period.to }]);
	return {
		aria: { enabled: false },
		grid: { left: 8, right: 24, top: 28, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			trigger: 'axis',
			formatter: (params: { value: [string, number] }[]) => {
				const p = params[0];
				return p ? `${dateLong(p.value[0])}<br/><b>${money(p.value[1])}</b>` : '';
			}
		},
		xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
		yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => money(v) } },
		series: [
			{
				name: 'Inventory value',
				type: 'line',
				showSymbol: false,
				lineStyle: { width: 2, color: colours.net },
				itemStyle: { color: colours.net },
				data: input.series.map((p) => [p.date, p.value]),
				markLine: { symbol: 'none', silent: true, data: lines },
				markArea: {
					silent: true,
					label: { color: colours.text, fontSize: 11, position: 'insideTop' },
					data: areas
				}
			}
		]
	};
}

export function holdingMonthsOption(months: readonly MonthHolding[], colours: SemanticColours, currency = 'USD') {
	const money = (v: number) => compactCurrency(v, currency);
	return {
		aria: { enabled: false },
		grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		legend: { top: 0, data: ['Holding cost', 'Savings vs baseline'] },
		tooltip: {
			trigger: 'axis',
			axisPointer: { type: 'shadow' },
			formatter: (params: { dataIndex: number }[]) => {
				const m = months[params[0]?.dataIndex ?? 0];
				if (!m) return '';
				return `${monthShort(m.month)} · ${m.days} days<br/>Inventory ${money(m.value)}<br/>Holding cost <b>${money(m.holding_cost)}</b><br/>Savings <b>${m.savings === null ? '—' : money(m.savings)}</b>`;
			}
		},
		xAxis: { type: 'category', data: months.map((m) => monthShort(m.month)), axisLabel: { hideOverlap: true } },
		yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v) } },
		series: [
			{ name: 'Holding cost', type: 'bar', barMaxWidth: 22, itemStyle: { color: colours.cost, borderRadius: 2 }, data: months.map((m) => m.holding_cost) },
			{ name: 'Savings vs baseline', type: 'bar', barMaxWidth: 22, itemStyle: { color: colours.saving, borderRadius: 2 }, data: months.map((m) => m.savings) }
		]
	};
}
