/**
 * The economic service level curve (DESIGN §4): inventory value (x) against total annual cost (y) — the
 * policy curve over a common safety factor z with its carrying and backorder parts, today's stock scaled
 * ±50 %, and today's point, the optimum and the what-if marked. Pure: data in, ECharts option out.
 */
import { compactCurrency, percent } from '$lib/format';
import type { CostPoint, CurvePoint } from '$lib/metrics/service-level';
import type { ScaledPoint } from '$lib/capital/whatif';
import type { SemanticColours } from './palette';

export interface CurveInput {
	curve: readonly CurvePoint[];
	scaled: readonly ScaledPoint[];
	today: CostPoint | null;
	optimum: CurvePoint | null;
	whatif: CostPoint | null;
	whatifLabel?: string;
}

export const CURVE_SERIES = {
	total: 'Total cost (policy)',
	carrying: 'Carrying',
	backorder: 'Backorders',
	scaled: "Today's stock ±50%",
	today: 'Today',
	whatif: 'What-if'
} as const;

const xy = (p: CostPoint, y: number = p.total_cost): [number, number] => [p.inventory_value, y];

export type LabelPosition = 'left' | 'right' | 'top' | 'bottom';

/**
 * Where the Today and What-if labels go so they do not overlap each other or the optimum's pin: each on
 * its own outer side of the pair; one above the other when the two points are close in inventory value;
 * the what-if's below its point when the pin (drawn above the optimum) is close by. `span` is the range of
 * the chart's axes, to say what "close" is.
 */
export function markerLabels(
	today: CostPoint | null,
	whatif: CostPoint | null,
	optimum: CostPoint | null,
	span: { x: number; y: number }
): { today: LabelPosition; whatif: LabelPosition } {
	if (!today || !whatif) return { today: 'right', whatif: 'left' };
	const near = (a: CostPoint, b: CostPoint, f: number) =>
		Math.abs(a.inventory_value - b.inventory_value) <= f * span.x && Math.abs(a.total_cost - b.total_cost) <= f * span.y;
	const dx = whatif.inventory_value - today.inventory_value;
	let out: { today: LabelPosition; whatif: LabelPosition } = dx >= 0 ? { today: 'left', whatif: 'right' } : { today: 'right', whatif: 'left' };
	if (Math.abs(dx) < 0.06 * span.x) out = whatif.total_cost >= today.total_cost ? { today: 'bottom', whatif: 'top' } : { today: 'top', whatif: 'bottom' };
	if (optimum && near(whatif, optimum, 0.1) && out.whatif !== 'bottom' && out.today !== 'bottom') out.whatif = 'bottom';
	if (optimum && near(today, optimum, 0.1) && out.today !== 'bottom' && out.whatif !== 'bottom') out.today = 'bottom';
	return out;
}

function axisSpan(input: CurveInput): { x: number; y: number } {
	const pts: CostPoint[] = [...input.curve, ...input.scaled, ...[input.today, input.whatif].filter((p): p is CostPoint => p !== null)];
	const xs = pts.map((p) => p.inventory_value);
	const ys = pts.map((p) => p.total_cost);
	return { x: Math.max(1e-9, Math.max(...xs) - Math.min(...xs)), y: Math.max(1e-9, Math.max(...ys), 0) };
}

export function serviceCurveOption(input: CurveInput, colours: SemanticColours, currency = 'USD') {
	const money = (v: number) => compactCurrency(v, currency);
	const tip = (p: CostPoint, title: string) =>
		`<b>${title}</b><br/>Inventory ${money(p.inventory_value)}<br/>Carrying ${money(p.carrying_cost)} · backorders ${money(p.backorder_cost)}<br/>Total <b>${money(p.total_cost)}</b> a year · fill rate ${percent(p.fill_rate)}`;
	const optimum = input.optimum;
	const place = markerLabels(input.today, input.whatif, optimum, axisSpan(input));
	return {
		aria: { enabled: false },
		grid: { left: 8, right: 24, top: 64, bottom: 28 },
		legend: { top: 0, left: 0, type: 'scroll', itemGap: 12, itemWidth: 18, textStyle: { fontSize: 11 } },
		tooltip: {
			trigger: 'item',
			formatter: (p: { seriesName: string; dataIndex: number; componentType?: string }) => {
				if (p.componentType === 'markPoint' && optimum) return tip(optimum, `Optimum (z = ${optimum.z.toFixed(2)})`);
				if (p.seriesName === CURVE_SERIES.today && input.today) return tip(input.today, 'Today');
				if (p.seriesName === CURVE_SERIES.whatif && input.whatif) return tip(input.whatif, input.whatifLabel ?? 'What-if');
				if (p.seriesName === CURVE_SERIES.scaled) {
					const s = input.scaled[p.dataIndex];
					return s ? tip(s, `Today's stock ${s.move >= 0 ? '+' : '−'}${Math.abs(Math.round(s.move * 100))}%`) : '';
				}
				const c = input.curve[p.dataIndex];
				return c ? tip(c, `Policy z = ${c.z.toFixed(2)} (in stock ${percent(c.in_stock)} of cycles)`) : '';
			}
		},
		xAxis: {
			type: 'value',
			scale: true,
			name: 'Inventory value',
			nameLocation: 'middle',
			nameGap: 26,
			axisLabel: { formatter: (v: number) => money(v), hideOverlap: true }
		},
		yAxis: { type: 'value', name: 'Annual cost', nameGap: 14, nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v: number) => money(v) } },
		series: [
			{
				name: CURVE_SERIES.total,
				type: 'line',
				showSymbol: false,
				lineStyle: { width: 2.5, color: colours.net },
				itemStyle: { color: colours.net },
				data: input.curve.map((p) => xy(p)),
				markPoint: optimum
					? {
							symbol: 'pin',
							symbolSize: 44,
							itemStyle: { color: colours.saving },
							label: { formatter: 'Opt', fontSize: 10, color: '#fff' },
							data: [{ name: 'Optimum', coord: xy(optimum) }]
						}
					: undefined
			},
			{
				name: CURVE_SERIES.carrying,
				type: 'line',
				showSymbol: false,
				lineStyle: { width: 1, type: 'dotted', color: colours.muted },
				itemStyle: { color: colours.muted },
				data: input.curve.map((p) => xy(p, p.carrying_cost))
			},
			{
				name: CURVE_SERIES.backorder,
				type: 'line',
				showSymbol: false,
				lineStyle: { width: 1, type: 'dotted', color: colours.cost },
				itemStyle: { color: colours.cost },
				data: input.curve.map((p) => xy(p, p.backorder_cost))
			},
			{
				name: CURVE_SERIES.scaled,
				type: 'line',
				showSymbol: false,
				lineStyle: { width: 1.5, type: 'dashed', color: colours.text, opacity: 0.55 },
				itemStyle: { color: colours.text },
				data: input.scaled.map((p) => xy(p))
			},
			{
				name: CURVE_SERIES.today,
				type: 'scatter',
				symbol: 'diamond',
				symbolSize: 16,
				z: 5,
				itemStyle: { color: colours.cost, borderColor: colours.text, borderWidth: 1 },
				label: { show: true, position: place.today, distance: 8, formatter: 'Today', color: colours.text, fontWeight: 'bold' },
				labelLayout: { moveOverlap: 'shiftY' },
				data: input.today ? [xy(input.today)] : []
			},
			{
				name: CURVE_SERIES.whatif,
				type: 'scatter',
				symbol: 'circle',
				symbolSize: 13,
				z: 6,
				itemStyle: { color: colours.net, borderColor: colours.text, borderWidth: 1.5 },
				label: { show: true, position: place.whatif, distance: 8, formatter: input.whatifLabel ? shortLabel(input.whatifLabel) : 'What-if', color: colours.text },
				labelLayout: { moveOverlap: 'shiftY' },
				data: input.whatif ? [xy(input.whatif)] : []
			}
		]
	};
}

/** The chart's text alternative, with the figures a reader needs. */
export function serviceCurveDescription(input: CurveInput, currency = 'USD'): string {
	const money = (v: number | null | undefined) => compactCurrency(v, currency);
	const parts = ['Total annual cost (carrying plus expected backorder cost) against inventory value.'];
	if (input.today) parts.push(`Today: inventory ${money(input.today.inventory_value)}, total cost ${money(input.today.total_cost)} a year.`);
	if (input.optimum) parts.push(`Optimum: inventory ${money(input.optimum.inventory_value)}, total cost ${money(input.optimum.total_cost)} a year at z = ${input.optimum.z.toFixed(2)}.`);
	if (input.whatif) parts.push(`${input.whatifLabel ?? 'What-if'}: inventory ${money(input.whatif.inventory_value)}, total cost ${money(input.whatif.total_cost)} a year.`);
	return parts.join(' ');
}

/** The what-if's label on the chart: its description, cut at a word before 28 characters. */
export function shortLabel(text: string, max = 28): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max).replace(/\s+\S*$/, '');
	return `${cut || text.slice(0, max)}…`;
}
