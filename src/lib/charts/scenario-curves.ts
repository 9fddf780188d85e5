/**
 * The capital curve of two scenarios on one chart (/compare, issue 17): each scenario's total annual cost
 * (policy curve) against inventory value, with its today's point and optimum. The two differ where the
 * scenarios' carrying rate or backorder cost per unit differ. Pure: data in, ECharts option out.
 */
import { compactCurrency } from '$lib/format';
import type { CostPoint, CurvePoint } from '$lib/metrics/service-level';
import type { SemanticColours } from './palette';

export interface ScenarioCurve {
	name: string;
	curve: readonly CurvePoint[];
	today: CostPoint | null;
	optimum: CurvePoint | null;
}

const xy = (p: CostPoint): [number, number] => [p.inventory_value, p.total_cost];

export function scenarioCurvesOption(a: ScenarioCurve, b: ScenarioCurve, colours: SemanticColours, series: readonly string[], currency = 'USD') {
	const money = (v: number) => compactCurrency(v, currency);
	const one = (s: ScenarioCurve, colour: string, dashed: boolean) => [
		{
			name: s.name,
			type: 'line',
			showSymbol: false,
			lineStyle: { width: 2.5, color: colour, type: dashed ? 'dashed' : 'solid' },
			itemStyle: { color: colour },
			data: s.curve.map(xy),
			markPoint: s.optimum
				? { symbol: 'pin', symbolSize: 40, itemStyle: { color: colour }, label: { formatter: 'Opt', fontSize: 10, color: '#fff' }, data: [{ name: `Optimum (${s.name})`, coord: xy(s.optimum) }] }
				: undefined
		},
		{
			name: `${s.name}: today`,
			type: 'scatter',
			symbol: 'diamond',
			symbolSize: 14,
			z: 5,
			itemStyle: { color: colour, borderColor: colours.text, borderWidth: 1 },
			data: s.today ? [xy(s.today)] : []
		}
	];
	return {
		aria: { enabled: false },
		grid: { left: 8, right: 24, top: 48, bottom: 28, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		legend: { top: 0, left: 0, type: 'scroll', textStyle: { fontSize: 11 } },
		tooltip: { trigger: 'item', valueFormatter: (v: number) => money(v) },
		xAxis: { type: 'value', scale: true, name: 'Inventory value', nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: (v: number) => money(v), hideOverlap: true } },
		yAxis: { type: 'value', name: 'Annual cost', axisLabel: { formatter: (v: number) => money(v) } },
		series: [...one(a, series[0], false), ...one(b, series[1], true)]
	};
}

/** The text alternative: each scenario's today and optimum. */
export function scenarioCurvesDescription(a: ScenarioCurve, b: ScenarioCurve, currency = 'USD'): string {
	const money = (v: number | null | undefined) => compactCurrency(v, currency);
	const part = (s: ScenarioCurve) =>
		`${s.name}: today ${money(s.today?.total_cost)} a year at inventory ${money(s.today?.inventory_value)}` +
		(s.optimum ? `; optimum ${money(s.optimum.total_cost)} a year at inventory ${money(s.optimum.inventory_value)}` : '; no optimum') +
		'.';
	return `Total annual cost against inventory value under two scenarios. ${part(a)} ${part(b)}`;
}
