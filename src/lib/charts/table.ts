/**
 * The data behind a chart as a table: the text and keyboard alternative the chart wrapper shows under
 * every chart ("View as table"), since ECharts marks cannot take focus. Built from the same option the
 * chart draws, so it cannot disagree with it; a page may pass its own table instead (e.g. with a link
 * per row). Pure.
 */
export interface ChartTableRow {
	cells: string[];
	/** where the row's mark leads when clicked (the table row links there too) */
	href?: string | null;
}
export interface ChartTable {
	columns: string[];
	rows: ChartTableRow[];
}

type Fmt = (v: number) => string;
type Axis = { type?: string; data?: unknown[]; name?: string; axisLabel?: { formatter?: unknown } };
type Series = { name?: string; type?: string; data?: unknown[]; silent?: boolean; yAxisIndex?: number; xAxisIndex?: number };

const MAX_ROWS = 500;
const first = <T>(a: T | T[] | undefined, i = 0): T | undefined => (Array.isArray(a) ? a[i] : a);
const plain: Fmt = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
const fmtOf = (axis: Axis | undefined, fallback: Fmt): Fmt =>
	typeof axis?.axisLabel?.formatter === 'function' ? (v) => String((axis.axisLabel!.formatter as (v: number) => string)(v)) : fallback;
const num = (d: unknown): number | null => {
	const v = d !== null && typeof d === 'object' && !Array.isArray(d) ? (d as { value?: unknown }).value : d;
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
const oneLine = (s: unknown) => String(s ?? '').replace(/\s*\n\s*/g, ' ');

/** The option's data as rows: categories × series for category charts, cells for heat maps, points otherwise. */
export function optionTable(option: Record<string, unknown> | null): ChartTable | null {
	if (!option) return null;
	const series = ((Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as Series[]).filter(
		(s) => !s.silent && (s.data?.length ?? 0) > 0
	);
	if (!series.length) return null;
	const tip = (option.tooltip as { valueFormatter?: unknown } | undefined)?.valueFormatter;
	const tipFmt: Fmt | null = typeof tip === 'function' ? (v) => String((tip as (v: number) => string)(v)) : null;
	const xAxis = first(option.xAxis as Axis | Axis[]);
	const yAxes = option.yAxis as Axis | Axis[] | undefined;
	const yFmt = (s: Series) => tipFmt ?? fmtOf(first(yAxes, s.yAxisIndex ?? 0), plain);

	if (series.every((s) => s.type === 'heatmap')) {
		const xs = xAxis?.data ?? [];
		const ys = first(yAxes)?.data ?? [];
		const rows: ChartTableRow[] = [];
		for (const s of series) {
			for (const d of s.data ?? []) {
				const v = (Array.isArray(d) ? d : (d as { value?: unknown[] }).value) as number[] | undefined;
				if (!v || v[2] == null) continue;
				rows.push({ cells: [oneLine(ys[v[1]]), oneLine(xs[v[0]]), (tipFmt ?? plain)(v[2])] });
			}
		}
		return { columns: [first(yAxes)?.name ?? 'Row', xAxis?.name ?? 'Column', 'Value'], rows: rows.slice(0, MAX_ROWS) };
	}

	if (xAxis?.type === 'category' && Array.isArray(xAxis.data)) {
		const cats = xAxis.data.map((c) => oneLine(typeof c === 'object' && c !== null ? (c as { value?: unknown }).value : c));
		const rows = cats.map((c, i) => ({
			cells: [c, ...series.map((s) => {
				const v = num(s.data?.[i]);
				return v === null ? '—' : yFmt(s)(v);
			})]
		}));
		return { columns: [xAxis.name ?? '', ...series.map((s) => s.name ?? '')], rows: rows.slice(0, MAX_ROWS) };
	}

	// value axes: one row per point
	const xFmt = fmtOf(xAxis, plain);
	const rows: ChartTableRow[] = [];
	for (const s of series) {
		for (const d of s.data ?? []) {
			const v = (Array.isArray(d) ? d : (d as { value?: unknown }).value) as unknown;
			if (!Array.isArray(v) || typeof v[0] !== 'number' || typeof v[1] !== 'number') continue;
			rows.push({ cells: [s.name ?? '', xFmt(v[0]), yFmt(s)(v[1])] });
		}
	}
	return rows.length ? { columns: ['Series', xAxis?.name ?? 'x', first(yAxes)?.name ?? 'y'], rows: rows.slice(0, MAX_ROWS) } : null;
}
