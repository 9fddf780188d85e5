/**
 * How each benchmark figure grows with the data (DESIGN §7: "how each figure grows from 1M to 30M lines"):
 * one column per scale, each cell the figure and the server's resident memory when it was measured.
 * Pure module.
 */
import type { BenchRow } from './table';

export interface ScaleRun {
	/** order lines loaded */
	lines: number;
	rows: BenchRow[];
}

const cell = (r: BenchRow | undefined): string => {
	if (!r || r.value === null) return '–';
	const v = r.unit === 'ms' ? (r.value >= 10_000 ? `${(r.value / 1000).toFixed(1)} s` : `${Math.round(r.value)} ms`) : r.unit === 'x' ? `${r.value.toFixed(2)}×` : `${Math.round(r.value)} ${r.unit}`;
	const mem = r.detail.rss_mb !== undefined ? ` · ${Math.round(r.detail.rss_mb)} MB` : '';
	return `${v}${mem}${r.status === 'MISS' ? ' ✗' : ''}`;
};

const scaleLabel = (n: number) => (n >= 1e6 ? `${Math.round(n / 1e5) / 10}M` : `${Math.round(n / 1e3)}k`) + ' lines';

/** Rows in the order of the first run that has them; JS sizes do not grow with data and are left out. */
export function growthTable(runs: readonly ScaleRun[]): string[][] {
	const ids: { id: string; label: string }[] = [];
	for (const run of runs) for (const r of run.rows) if (r.group !== 'js' && !ids.some((x) => x.id === r.id)) ids.push({ id: r.id, label: r.label });
	const head = ['Measure', ...runs.map((r) => scaleLabel(r.lines))];
	return [head, ...ids.map(({ id, label }) => [label, ...runs.map((run) => cell(run.rows.find((r) => r.id === id)))])];
}

export function formatGrowth(runs: readonly ScaleRun[], markdown = false): string {
	const t = growthTable(runs);
	if (markdown) {
		const esc = (s: string) => s.replace(/\|/g, '\\|');
		return [`| ${t[0].map(esc).join(' | ')} |`, `|---|${t[0].slice(1).map(() => '---:').join('|')}|`, ...t.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
	}
	const widths = t[0].map((_, i) => Math.max(...t.map((r) => r[i].length)));
	const line = (r: string[]) => r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
	return [line(t[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...t.slice(1).map(line)].join('\n');
}
