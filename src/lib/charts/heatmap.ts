/**
 * Heat map of backorder cost over two dimensions (e.g. category × month): the largest rows and columns
 * (months always in order, all of them), cost per cell on a sequential scale. Pure.
 */
import { compactCurrency } from '$lib/format';
import { escapeHtml } from './pareto';
import type { SemanticColours } from './palette';

export interface HeatCell {
	/** row member (null = no value) */
	row: string | null;
	col: string | null;
	value: number;
	rowLabel?: string | null;
}

export interface HeatData {
	rows: { key: string | null; label: string }[];
	cols: { key: string | null; label: string }[];
	/** [colIndex, rowIndex, value] */
	cells: [number, number, number][];
	max: number;
	/** rows and columns left out, and the cost in them */
	hidden: { rows: number; cols: number; value: number };
}

const NONE = '(none)';

export function heatmapData(
	cells: readonly HeatCell[],
	opts: { maxRows?: number; maxCols?: number; chronologicalCols?: boolean; colLabel?: (k: string) => string } = {}
): HeatData {
	const { maxRows = 15, maxCols = 24, chronologicalCols = false, colLabel = (k: string) => k } = opts;
	const rowSum = new Map<string | null, number>();
	const colSum = new Map<string | null, number>();
	const rowLabel = new Map<string | null, string>();
	let all = 0;
	for (const c of cells) {
		if (!(c.value > 0)) continue;
		rowSum.set(c.row, (rowSum.get(c.row) ?? 0) + c.value);
		colSum.set(c.col, (colSum.get(c.col) ?? 0) + c.value);
		if (c.rowLabel) rowLabel.set(c.row, c.rowLabel);
		all += c.value;
	}
	const bySum = (m: Map<string | null, number>) => [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).map((e) => e[0]);
	const rowKeys = bySum(rowSum).slice(0, maxRows);
	const colKeys = chronologicalCols
		? [...colSum.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b))).slice(-maxCols)
		: bySum(colSum).slice(0, maxCols);
	const ri = new Map(rowKeys.map((k, i) => [k, i]));
	const ci = new Map(colKeys.map((k, i) => [k, i]));
	const grid = new Map<string, number>();
	let shown = 0;
	for (const c of cells) {
		if (!(c.value > 0)) continue;
		const r = ri.get(c.row);
		const k = ci.get(c.col);
		if (r === undefined || k === undefined) continue;
		const id = `${k},${r}`;
		grid.set(id, (grid.get(id) ?? 0) + c.value);
		shown += c.value;
	}
	const out: [number, number, number][] = [...grid].map(([id, v]) => {
		const [x, y] = id.split(',').map(Number);
		return [x, y, v];
	});
	out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
	return {
		rows: rowKeys.map((k) => ({ key: k, label: rowLabel.get(k) ?? k ?? NONE })),
		cols: colKeys.map((k) => ({ key: k, label: k === null ? NONE : colLabel(k) })),
		cells: out,
		max: out.reduce((m, c) => Math.max(m, c[2]), 0),
		hidden: { rows: rowSum.size - rowKeys.length, cols: colSum.size - colKeys.length, value: all - shown }
	};
}

export function heatmapOption(
	d: HeatData,
	colours: SemanticColours,
	opts: { currency?: string; dark?: boolean; selectedRow?: string | null; selectedCol?: string | null } = {}
) {
	const currency = opts.currency ?? 'USD';
	const low = opts.dark ? '#1d2733' : '#fff7ed';
	return {
		aria: { enabled: false },
		grid: { left: 8, right: 12, top: 8, bottom: 52, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			formatter: (p: { value: [number, number, number] }) => {
				const [x, y, v] = p.value;
				return `${escapeHtml(d.rows[y].label)} · ${escapeHtml(d.cols[x].label)}<br/><b>${compactCurrency(v, currency)}</b>`;
			}
		},
		xAxis: {
			type: 'category',
			data: d.cols.map((c) => c.label),
			splitArea: { show: false },
			axisLabel: { interval: 0, rotate: d.cols.length > 8 ? 40 : 0, fontSize: 11, width: 90, overflow: 'truncate' }
		},
		yAxis: {
			type: 'category',
			data: d.rows.map((r) => r.label),
			inverse: true,
			axisLabel: {
				fontSize: 11,
				width: 140,
				overflow: 'truncate',
				fontWeight: (v: string) => (opts.selectedRow != null && d.rows.find((r) => r.label === v)?.key === opts.selectedRow ? 'bold' : 'normal')
			}
		},
		visualMap: {
			min: 0,
			max: d.max || 1,
			calculable: false,
			orient: 'horizontal',
			left: 'center',
			bottom: 0,
			itemHeight: 160,
			itemWidth: 10,
			text: [compactCurrency(d.max, currency), compactCurrency(0, currency)],
			textStyle: { color: colours.text, fontSize: 11 },
			inRange: { color: [low, colours.cost] }
		},
		series: [
			{
				name: 'Cost',
				type: 'heatmap',
				data: d.cells.map(([x, y, v]) => {
					const faded =
						(opts.selectedRow != null && d.rows[y].key !== opts.selectedRow) || (opts.selectedCol != null && d.cols[x].key !== opts.selectedCol);
					return { value: [x, y, v], itemStyle: { opacity: faded ? 0.35 : 1, borderColor: colours.grid, borderWidth: 1 } };
				}),
				emphasis: { itemStyle: { borderColor: colours.text, borderWidth: 1.5 } }
			}
		]
	};
}

/** The text alternative: size and the hottest cell. */
export function heatmapSentence(d: HeatData, rowsNoun: string, colsNoun: string, currency = 'USD'): string {
	if (d.cells.length === 0) return `No attributable cost by ${rowsNoun} and ${colsNoun}.`;
	const top = d.cells.reduce((a, b) => (b[2] > a[2] ? b : a));
	return `Backorder cost by ${rowsNoun} (${d.rows.length} shown) and ${colsNoun} (${d.cols.length} shown); the highest cell is ${d.rows[top[1]].label} in ${d.cols[top[0]].label} at ${compactCurrency(top[2], currency)}.`;
}
