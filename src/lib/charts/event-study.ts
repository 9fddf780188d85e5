/**
 * The share-of-wallet event study: months −6..+6 around each treated customer's first backorder,
 * treated vs matched controls, both indexed to their pre-window mean = 100. Pure: data in, option out.
 */
import type { SemanticColours } from './palette';

export interface EventStudyPoint {
	month_offset: number;
	treated_index: number | null;
	control_index: number | null;
}

export const offsetLabel = (k: number) => (k === 0 ? 'Incident' : k > 0 ? `+${k}` : `−${-k}`);

const round1 = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10) / 10);

/** Mean of the post months (+1..+6) of each line, and their gap: the picture's one-number reading. */
export function postMeans(points: readonly EventStudyPoint[]): { treated: number | null; control: number | null; gap: number | null } {
	const post = points.filter((p) => p.month_offset > 0);
	const mean = (xs: (number | null)[]) => {
		const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
		return v.length === post.length && v.length > 0 ? v.reduce((s, x) => s + x, 0) / v.length : null;
	};
	const treated = mean(post.map((p) => p.treated_index));
	const control = mean(post.map((p) => p.control_index));
	return { treated, control, gap: treated !== null && control !== null ? treated - control : null };
}

export function eventStudyOption(points: readonly EventStudyPoint[], colours: SemanticColours) {
	const labels = points.map((p) => offsetLabel(p.month_offset));
	const incident = labels.indexOf('Incident');
	return {
		aria: { enabled: false },
		grid: { left: 8, right: 24, top: 36, bottom: 30 },
		legend: { top: 0, left: 0, itemWidth: 18 },
		tooltip: {
			trigger: 'axis',
			valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : (Math.round(v * 10) / 10).toFixed(1))
		},
		xAxis: {
			type: 'category',
			data: labels,
			boundaryGap: false,
			name: 'months from first backorder',
			nameLocation: 'middle',
			nameGap: 28,
			axisLabel: { fontSize: 11 }
		},
		yAxis: { type: 'value', scale: true },
		series: [
			{
				name: 'Backordered customers',
				type: 'line',
				data: points.map((p) => round1(p.treated_index)),
				symbolSize: 6,
				lineStyle: { width: 3, color: colours.cost },
				itemStyle: { color: colours.cost },
				markLine: {
					silent: true,
					symbol: 'none',
					label: { show: false },
					lineStyle: { color: colours.muted, type: 'dashed' },
					data: [{ yAxis: 100 }, ...(incident >= 0 ? [{ xAxis: incident }] : [])]
				}
			},
			{
				name: 'Matched controls',
				type: 'line',
				data: points.map((p) => round1(p.control_index)),
				symbolSize: 5,
				lineStyle: { width: 2, color: colours.net, type: 'dashed' },
				itemStyle: { color: colours.net }
			}
		]
	};
}
