/**
 * Benchmark rows, their targets (DESIGN §7) and the printed table. Pure module.
 */

export type Unit = 'ms' | 'x' | 'MB' | 'kB';
export type Status = 'PASS' | 'MISS' | 'INFO' | 'SKIP';

export interface BenchRow {
	/** stable key, e.g. `api.summary.none`, `page./drivers`, `js./drivers` */
	id: string;
	group: 'ingest' | 'server' | 'api' | 'page' | 'js';
	label: string;
	/** the figure the target applies to (p95 for latencies); null when skipped */
	value: number | null;
	unit: Unit;
	/** upper bound; null for rows reported for information only */
	target: number | null;
	status: Status;
	/** further figures: first_ms, p50_ms, p95_ms, n, per-table seconds … */
	detail: Record<string, number>;
	note?: string;
}

/** DESIGN §7 at 10M lines on two cores. */
export const TARGETS = {
	warm_p95_ms: 250,
	/** the first answer after a start or a load */
	first_answer_ms: 1000,
	/** 50 concurrent users, caches cold */
	concurrent_p95_ms: 1000,
	ingest_ratio: 1.3,
	rss_mb: 3 * 1024,
	js_kb_gzip: 400
} as const;

export function statusOf(value: number | null, target: number | null): Status {
	if (value === null || !Number.isFinite(value)) return 'SKIP';
	if (target === null) return 'INFO';
	return value <= target ? 'PASS' : 'MISS';
}

export function row(r: Omit<BenchRow, 'status'> & { status?: Status }): BenchRow {
	return { ...r, status: r.status ?? statusOf(r.value, r.target) };
}

export function skipped(id: string, group: BenchRow['group'], label: string, unit: Unit, target: number | null, note: string): BenchRow {
	return { id, group, label, value: null, unit, target, status: 'SKIP', detail: {}, note };
}

function fmt(x: number | null | undefined, unit: Unit): string {
	if (x === null || x === undefined || !Number.isFinite(x)) return '–';
	if (unit === 'x') return `${x.toFixed(2)}×`;
	if (unit === 'ms') return x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x >= 100 ? Math.round(x) : x.toFixed(1)} ms`;
	if (unit === 'MB') return `${Math.round(x)} MB`;
	return `${x.toFixed(1)} kB`;
}

/** The detail column: what the row's figure is made of. */
export function describe(r: BenchRow): string {
	const d = r.detail;
	if (r.note && r.status === 'SKIP') return r.note;
	if (r.group === 'api' || r.group === 'page' || r.id === 'server.first' || r.id === 'server.cold50') {
		if (d.p50_ms === undefined) return r.note ?? '';
		const first = d.first_ms !== undefined ? `first ${fmt(d.first_ms, 'ms')}, ` : '';
		const mem = d.rss_mb !== undefined ? `; server ${Math.round(d.rss_mb)} MB` : '';
		return `${first}p50 ${fmt(d.p50_ms, 'ms')}, max ${fmt(d.max_ms, 'ms')}, n=${d.n}${mem}${r.note ? `; ${r.note}` : ''}`;
	}
	if (r.id === 'ingest.ratio') return `ours ${d.ours_s?.toFixed(1)} s vs read_csv ${d.read_csv_s?.toFixed(1)} s${r.note ? ` (${r.note})` : ''}`;
	if (r.group === 'js') return `${d.files} files: ${d.initial_kb?.toFixed(1)} kB at load + ${d.lazy_kb?.toFixed(1)} kB on demand`;
	return r.note ?? '';
}

export function formatTable(rows: readonly BenchRow[]): string {
	const head = ['Measure', 'Figure', 'Target', 'Result', 'Detail'];
	const body = rows.map((r) => [r.label, fmt(r.value, r.unit), r.target === null ? '' : `≤ ${fmt(r.target, r.unit)}`, r.status, describe(r)]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
	return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The same table as Markdown, for the README. */
export function formatMarkdown(rows: readonly BenchRow[]): string {
	const esc = (s: string) => s.replace(/\|/g, '\\|');
	const out = ['| Measure | Figure | Target | Result | Detail |', '|---|---:|---:|---|---|'];
	for (const r of rows) {
		out.push(`| ${esc(r.label)} | ${fmt(r.value, r.unit)} | ${r.target === null ? '' : `≤ ${fmt(r.target, r.unit)}`} | ${r.status} | ${esc(describe(r))} |`);
	}
	return out.join('\n');
}
