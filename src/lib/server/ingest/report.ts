import type { IngestReport, Refusal } from './types';

const n = (x: number) => x.toLocaleString('en-US');

export const refusalText = (r: Refusal) => `${r.file}: ${r.reason}`;

function table(rows: string[][], rightAligned: Set<number>): string[] {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
	return rows.map((r) => r.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd());
}

const shown = (v: string | null) => (v === null ? '(empty)' : JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v));

/** The report as plain text for the CLI: counts per table, first rejects, warnings, refusals. */
export function formatReport(r: IngestReport, rejectsPerTable = 5): string {
	const out: string[] = [];
	if (r.tables.length) {
		out.push(
			...table(
				[
					['table', 'file', 'read', 'loaded', 'rejected'],
					...r.tables.map((t) => [t.table, t.file, n(t.rows_read), n(t.rows_loaded), n(t.rows_rejected)])
				],
				new Set([2, 3, 4])
			)
		);
	}
	const withRejects = r.tables.filter((t) => t.rejects.length);
	if (withRejects.length) {
		out.push('', 'Rejected rows (first of each table; all are in load_rejects):');
		for (const t of withRejects) {
			for (const x of t.rejects.slice(0, rejectsPerTable))
				out.push(`  ${t.file} line ${x.line}${x.column ? `, ${x.column} = ${shown(x.value)}` : `: ${shown(x.value)}`}: ${x.rule}`);
			if (t.rows_rejected > rejectsPerTable) out.push(`  … ${n(t.rows_rejected)} rows rejected in ${t.file}`);
		}
	}
	const notes = r.tables.flatMap((t) => t.notes.map((s) => `${t.file}: ${s}`));
	if (notes.length) out.push('', 'Notes:', ...notes.map((s) => `  ${s}`));
	if (r.warnings.length) out.push('', 'Warnings (loaded anyway):', ...r.warnings.map((w) => `  ${w.message}`));
	if (r.refused.length) {
		out.push('', r.load_id === null ? 'Refused (nothing was loaded; the database is unchanged):' : 'Refused (not loaded):');
		out.push(...r.refused.map((x) => `  ${refusalText(x)}`));
	}
	if (r.ignored_files.length) out.push('', `Ignored files (not named after a table): ${r.ignored_files.join(', ')}`);
	if (r.load_id !== null) {
		if (r.untouched.length) out.push('', `Left as they were (no file): ${r.untouched.join(', ')}`);
		if (r.emptied.length) out.push('', `Emptied (a replace-all load with no file for them): ${r.emptied.join(', ')}`);
		out.push('', `Loaded in ${(r.duration_ms / 1000).toFixed(2)} s (load ${r.load_id}, data version ${r.data_version}).`);
	}
	return out.join('\n');
}
