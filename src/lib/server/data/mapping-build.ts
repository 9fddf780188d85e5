/**
 * Builds the canonical files of a set of column mappings (issue 14, item 3), in a scratch database:
 * each source read once (mapping-sources.ts), each table's rows computed (mapping-sql.ts), repeated keys
 * folded with what was folded counted, and written as a CSV the ingest loads like any other — with the
 * declared date formats and decimal commas of its columns as the ingest's per-column options, the
 * source line of every row, and the source rows that could not be read as rejects of their own. The
 * upload and `npm run ingest -- --mapping` both build through here.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describeDetection, detectDateFamily, type DateFamily, type DateFormat } from '$lib/data/date-formats';
import { CONDITION_LABELS, headerConflicts, mappingFiles, validateMapping, type Expr, type TableMapping } from '$lib/data/mapping';
import { SCHEMA } from '$lib/schema';
import { quoteIdent, sqlString } from '../ingest/sql-text';
import type { IngestFile, SourceOptions } from '../ingest/types';
import { canonicalSql, droppedCountSql, foldConflictsSql, foldedSql, keptSql, LINE, rowsSql, summed, type SqlContext } from './mapping-sql';
import { materialise, readableSource } from './mapping-sources';
import { scratch } from './scratch';
import { scrubPaths, UploadError } from './uploads';

export interface BuildOptions {
	/** where copies of the sources go (decompressed, recoded, converted) */
	workDir: string;
	/** where the canonical files are written */
	outDir: string;
	/** values read as empty in conditions (the null_tokens assumption) */
	nullTokens: readonly string[];
	/** read only the first rows of each main file (a preview) */
	limit?: number;
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];
const n = (x: number) => x.toLocaleString('en-US');

/** The first error of any mapping, as one message ("order_lines: qty is required: …"), or null. */
export function firstProblem(mappings: readonly TableMapping[], headers: Record<string, string[]>): string | null {
	const seen = new Set<string>();
	for (const m of mappings) {
		if (seen.has(m.table)) return `two mappings build ${m.table}`;
		seen.add(m.table);
		const first = Object.entries(validateMapping(m, headers))[0];
		if (first) return `${m.table}: ${first[0] ? `${first[0]} ` : ''}${first[1]}`;
	}
	return headerConflicts(mappings);
}

/** Values of a source column to tell its date format from (as the ingest looks at its own columns). */
async function dateSample(c: DuckDBConnection, table: string, column: string): Promise<string[]> {
	const x = `trim(${quoteIdent(column)})`;
	const r = await c.runAndReadAll(`SELECT ${x} FROM ${quoteIdent(table)} WHERE nullif(${x}, '') IS NOT NULL ORDER BY ${LINE} LIMIT 5000`);
	return (r.getRowsJson() as string[][]).map((row) => String(row[0]));
}

/** The ingest's reading options for a built file: each column's declared date format and decimal comma. */
function sourceOptions(m: TableMapping): SourceOptions {
	const dateFormats: Record<string, DateFormat> = {};
	const decimalCommas: Record<string, boolean> = {};
	for (const c of SCHEMA[m.table].columns) {
		const e = Object.hasOwn(m.columns, c.name) ? m.columns[c.name] : undefined;
		if (c.type === 'date' || c.type === 'timestamp') {
			if (e?.kind === 'column' && e.date) dateFormats[c.name] = e.date;
			else if (e?.kind === 'addDays') dateFormats[c.name] = 'iso';
		}
		// set for every number column, so a whole-file --decimal-comma cannot misread a computed "0.5"
		if (c.type === 'decimal' || c.type === 'integer') decimalCommas[c.name] = e?.kind === 'column' && !!e.decimalComma && !summed(m, c.name);
	}
	return { dateFormats, decimalCommas };
}

const count = async (c: DuckDBConnection, table: string) => Number((await c.runAndReadAll(`SELECT count(*) FROM ${quoteIdent(table)}`)).getRows()[0][0]);

/** The mapping that reports a file's unreadable rows as its rejects: the first that does not keep first rows per key. */
function raggedOwner(mappings: readonly TableMapping[], file: string): TableMapping {
	const from = mappings.filter((o) => o.file === file);
	return from.find((o) => (o.keys ?? 'reject') !== 'first') ?? from[0];
}

/** Notes for a table whose repeated keys were folded: how many, and the columns whose values differed. */
async function foldNotes(c: DuckDBConnection, m: TableMapping, kept: string): Promise<string[]> {
	const q = foldConflictsSql(m, kept);
	const row = (await c.runAndReadAll(q.sql)).getRowObjectsJson()[0] as Record<string, unknown>;
	const keys = Number(row.keys);
	if (!keys) return [];
	const key = SCHEMA[m.table].key.join(', ');
	const out = [
		m.keys === 'sum'
			? `${n(Number(row.folded))} rows repeat a ${key} of an earlier row (${n(keys)} keys): ${SCHEMA[m.table].columns.filter((x) => summed(m, x.name)).map((x) => x.name).join(', ')} summed over each key's rows; the other columns keep their first value`
			: `${n(Number(row.folded))} rows repeat a ${key} of an earlier row (${n(keys)} keys): each keeps its first non-empty values`
	];
	q.columns.forEach((col, i) => {
		const k = Number(row[`n${i}`]);
		if (k) out.push(`${col} differs within ${n(k)} of those keys (e.g. ${String(row[`eg${i}`])}): the first value was kept, the conflict is not a reject`);
	});
	return out;
}

/**
 * Writes one canonical CSV per mapping into `opts.outDir` and answers them as ingest files. `resolve`
 * turns a file name of the mappings into its path: the upload's own files only (sessionFilePath), or
 * the CLI's folder.
 */
export async function buildCanonical(mappings: TableMapping[], resolve: (name: string) => string, opts: BuildOptions): Promise<IngestFile[]> {
	const sources = new Map<string, { noHeader: boolean; path: string; lookupOnly: boolean }>();
	for (const m of mappings) {
		for (const f of mappingFiles(m)) {
			const before = sources.get(f.file);
			const lookupOnly = f.file !== m.file && (before?.lookupOnly ?? true);
			sources.set(f.file, { noHeader: f.noHeader, path: before?.path ?? resolve(f.file), lookupOnly });
		}
	}
	const conflict = headerConflicts(mappings);
	if (conflict) throw new UploadError(400, conflict);
	const readable = new Map(await Promise.all([...sources].map(async ([name, s]) => [name, await readableSource(s.path, opts.workDir, true)] as const)));
	mkdirSync(opts.outDir, { recursive: true });
	const scrub = (e: unknown) => scrubPaths(firstLine(e), opts.workDir);
	return scratch(async (c) => {
		const tables = new Map<string, { table: string; ragged: string | null }>();
		const headers: Record<string, string[]> = {};
		let i = 0;
		for (const [name, s] of sources) {
			const table = `src_${i++}`;
			try {
				// a preview reads the first rows of the main files; a joined file is read whole
				const got = await materialise(c, readable.get(name)!, s.noHeader, table, s.lookupOnly ? undefined : opts.limit);
				tables.set(name, { table, ragged: got.ragged });
				headers[name] = got.headers;
			} catch (e) {
				if (e instanceof UploadError) throw e;
				throw new UploadError(400, `${name} could not be read: ${scrub(e)}`);
			}
		}
		const problem = firstProblem(mappings, headers);
		if (problem) throw new UploadError(400, problem);

		const out: IngestFile[] = [];
		for (const [k, m] of mappings.entries()) {
			const notes: string[] = [];
			const main = tables.get(m.file)!;
			const lookup = m.lookup ? tables.get(m.lookup.file) : undefined;
			// date + days reads its date column with the ingest's parser, in the format declared or detected
			const families = new Map<Expr, DateFamily>();
			for (const [col, e] of Object.entries(m.columns)) {
				if (e.kind !== 'addDays') continue;
				const declared: DateFormat = e.date ?? 'auto';
				const from = e.source.from === 'lookup' && lookup ? lookup.table : main.table;
				const values = declared === 'auto' || declared === 'dmy' || declared === 'mdy' ? await dateSample(c, from, e.source.column) : [];
				const d = detectDateFamily(values, declared);
				families.set(e, d.family);
				if (d.family !== 'iso' || d.ambiguous) notes.push(describeDetection(`${col} (${e.source.column} + days)`, d));
			}
			const ctx: SqlContext = { familyOf: (e) => families.get(e) ?? 'iso', nullTokens: opts.nullTokens };
			const rows = `rows_${k}`;
			const target = path.join(opts.outDir, `${m.table}.csv`);
			try {
				await c.run(`CREATE TEMP TABLE ${quoteIdent(rows)} AS ${rowsSql(m, { main: main.table, lookup: lookup?.table }, ctx)}`);
				const dropped = Number((await c.runAndReadAll(droppedCountSql(rows))).getRows()[0][0]);
				if (dropped && m.where) {
					const w = m.where;
					const what = w.op === 'in' ? (w.values ?? []).join(' | ') : (w.value ?? '');
					notes.push(`${n(dropped)} rows of ${m.file} left out: only rows where ${w.source.column} ${CONDITION_LABELS[w.op]}${what ? ` ${JSON.stringify(what)}` : ''} are read`);
				}
				const kept = keptSql(rows);
				const comma = (col: string) => {
					const e = Object.hasOwn(m.columns, col) ? m.columns[col] : undefined;
					return e?.kind === 'column' && !!e.decimalComma;
				};
				if (m.keys && m.keys !== 'reject') notes.push(...(await foldNotes(c, m, kept)));
				// the rows the source could not split are rejects of one table built from it — the first that
				// keeps a row per source row, not a table of first rows per key — and noted in the others
				const owner = raggedOwner(mappings, m.file);
				let ragged = main.ragged;
				if (ragged && owner !== m) {
					notes.push(`${n(await count(c, ragged))} lines of ${m.file} could not be read and are left out (they are rejects of ${owner.table})`);
					ragged = null;
				}
				if (m.lookup && lookup?.ragged) {
					notes.push(`${n(await count(c, lookup.ragged))} lines of ${m.lookup.file} could not be read: the rows of ${m.file} that join to them find nothing there`);
				}
				await c.run(`COPY (${canonicalSql(m, foldedSql(m, kept, comma), ragged)}) TO ${sqlString(target)} (HEADER, DELIMITER ',', QUOTE '"')`);
			} catch (e) {
				if (e instanceof UploadError) throw e;
				throw new UploadError(400, `${m.table} could not be built from ${m.file}: ${scrub(e)}`);
			}
			out.push({
				path: target,
				table: m.table,
				originalName: m.lookup ? `${m.file} + ${m.lookup.file}` : m.file,
				options: sourceOptions(m),
				fromMapping: { columns: Object.keys(m.columns), notes }
			});
		}
		return out;
	});
}
