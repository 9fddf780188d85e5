/**
 * The ingest pipeline: find the canonical files, read each with DuckDB into a typed temp table while
 * checking every rule in SQL, then swap all tables of the load in one transaction.
 *
 * Refusal policy: by default a load is all or nothing. Every file is read and checked first — all of
 * them, even after one is refused, so the user sees every problem at once — and if any file is refused
 * nothing is loaded. The tables refer to
 * each other (lines → customers, products); a half-updated folder would pair new orders with old
 * customers and quietly change every number. `loadReadableFiles: true` loads the readable files anyway
 * (the browser upload may offer that as an explicit choice).
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import os from 'node:os';
import path from 'node:path';
import { TABLE_NAMES, type TableName } from '../../schema';
import { discoverFolder, tableForFileName } from './discover';
import { RefusedFile } from './inspect';
import { enableProgress } from './progress';
import { prepareSource, type PreparedSource } from './read-source';
import { referenceWarnings } from './references';
import { dropStages, refuseIfMostlyRejected, stageFile, type PendingStage, type StagedTable } from './stage';
import { swapIn } from './swap';
import { commitWithDerived, DerivedBuildError } from '../db/derived';
import { REJECTS_KEPT_PER_RULE } from '../limits';
import { activeValues, rulesOf } from './derive';
import type { SourceOptions } from './types';
import type { IngestFile, IngestOptions, IngestReport, Refusal, RejectRow, TableReport } from './types';

export type * from './types';
export { discoverFolder, tableForFileName } from './discover';
export { formatReport } from './report';

const DEFAULT_MAX_STORED_REJECTS = 100_000;
const DEFAULT_REJECT_SAMPLE = 10;

/** Loads the canonical files found in a folder (one per table, named after it). */
export async function ingestFolder(instance: DuckDBInstance, folder: string, opts: IngestOptions = {}): Promise<IngestReport> {
	const found = discoverFolder(folder);
	return serialised(() => ingest(instance, found.files, opts, found.refused, found.ignored));
}

/** Loads the given files (e.g. browser uploads saved to disk); `table` defaults to the file's name. */
export async function ingestFiles(instance: DuckDBInstance, files: IngestFile[], opts: IngestOptions = {}): Promise<IngestReport> {
	return serialised(() => ingest(instance, files, opts, [], []));
}

/** Two loads in one process would race on the same tables; queue them. */
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(fn: () => Promise<T>): Promise<T> {
	const run = queue.then(fn, fn);
	queue = run.catch(() => {});
	return run;
}

async function ingest(
	instance: DuckDBInstance,
	files: IngestFile[],
	opts: IngestOptions,
	refusedUpFront: Refusal[],
	ignored: string[]
): Promise<IngestReport> {
	const t0 = performance.now();
	const startedAt = new Date();
	const refused = [...refusedUpFront];
	const prepared: PreparedSource[] = [];
	const pending: PendingStage[] = [];
	const staged: StagedTable[] = [];
	const conn = await instance.connect();
	// a file's key check runs here while the next file is read on conn (see stageFile)
	const side = await instance.connect();
	try {
		await enableProgress(conn);
		await dropStages(conn);
		// the active scenario's reading rules: null tokens now, the backorder rules at the swap
		const active = await activeValues(conn);
		const nullTokens = active.null_tokens;
		const claimed = new Set(refused.map((r) => r.table));
		for (const f of orderByTable(files)) {
			const name = f.originalName ?? path.basename(f.path);
			const table = f.table ?? tableForFileName(name);
			if (!table) {
				refused.push({ file: name, table: null, reason: `the name does not match a table (${TABLE_NAMES.join(', ')})` });
				continue;
			}
			if (claimed.has(table)) {
				refused.push({ file: name, table, reason: `another file of this load is also for ${table}` });
				continue;
			}
			claimed.add(table);
			// the file's own options over the table's (a saved mapping) over the load's defaults
			const sourceOpts: SourceOptions = { nullTokens, ...opts.defaults, ...opts.sources?.[table], ...f.options };
			try {
				const src = await prepareSource(conn, { path: f.path, table, name, fromMapping: f.fromMapping }, sourceOpts);
				if (f.fromMapping) src.notes.push(...f.fromMapping.notes);
				prepared.push(src);
				const dateFamilies = Object.fromEntries(Object.entries(src.dates).map(([c, d]) => [c, d.family]));
				const p = await stageFile(conn, src, { ...sourceOpts, dateFamilies }, opts.onProgress, side);
				// no valid row: no duplicate either, so the staged table is complete now
				if (p.valid === 0) await refuseIfMostlyRejected(conn, await p.finish());
				pending.push(p);
			} catch (e) {
				if (!(e instanceof RefusedFile)) throw e;
				refused.push({ file: name, table, reason: hidePaths(e.message, name, f.path) });
			}
		}
		for (const p of pending) {
			const s = await p.finish();
			try {
				await refuseIfMostlyRejected(conn, s);
				staged.push(s);
			} catch (e) {
				if (!(e instanceof RefusedFile)) throw e;
				refused.push({ file: s.source.name, table: s.source.table, reason: hidePaths(e.message, s.source.name, s.source.readPath) });
			}
		}

		const loading = refused.length === 0 || opts.loadReadableFiles ? staged : [];
		const absent = TABLE_NAMES.filter((t) => !loading.some((s) => s.source.table === t));
		if (!loading.length) {
			return {
				ok: false,
				load_id: null,
				tables: [],
				refused,
				warnings: [],
				untouched: TABLE_NAMES.slice(),
				emptied: [],
				ignored_files: ignored,
				data_version: null,
				duration_ms: Math.round(performance.now() - t0)
			};
		}

		const maxStored = opts.maxStoredRejects ?? DEFAULT_MAX_STORED_REJECTS;
		const perRule = opts.rejectsPerRule ?? REJECTS_KEPT_PER_RULE;
		// sampled before the swap, which turns the stages (and their raw cells) into the tables
		const samples = new Map<StagedTable, RejectRow[]>();
		for (const s of loading) samples.set(s, await rejectSample(conn, s, opts.rejectSample ?? DEFAULT_REJECT_SAMPLE));
		// a replace-all load empties the tables it has no file for, in the same transaction
		const emptied = opts.replaceAll ? absent : [];
		const untouched = opts.replaceAll ? [] : absent;
		const swapAll = (commit?: (c: DuckDBConnection) => Promise<unknown>) =>
			swapIn(conn, loading, startedAt, { perRule, total: maxStored }, rulesOf(active), opts.onProgress, emptied, commit);
		let derivedMs: number | null = null;
		let swap;
		if (opts.buildDerived === false) swap = await swapAll();
		else {
			try {
				swap = await swapAll(async (c) => {
					opts.onProgress?.({ table: null, phase: 'preparing the dashboard', fraction: 0 });
					derivedMs = Math.round(await commitWithDerived(instance, c));
				});
			} catch (e) {
				if (!(e instanceof DerivedBuildError)) throw e;
				// the load does not depend on them: swapped in without, they are built on first use
				console.warn(`ingest: the derived tables could not be built inside the load (${e.message}); loading without them`);
				derivedMs = null;
				swap = await swapAll();
			}
		}
		opts.onProgress?.({ table: null, phase: 'checking references', fraction: 0 });
		const warnings = await referenceWarnings(conn, new Set(loading.map((s) => s.source.table)));
		const tables: TableReport[] = [];
		for (const s of loading) tables.push(tableReport(s, samples.get(s) ?? [], swap.stored.get(s.source.table) ?? 0, maxStored, perRule));
		opts.onProgress?.({ table: null, phase: 'done', fraction: 1 });
		return {
			ok: refused.length === 0,
			load_id: swap.loadId,
			tables,
			refused,
			warnings,
			untouched,
			emptied,
			ignored_files: ignored,
			data_version: swap.dataVersion,
			duration_ms: Math.round(performance.now() - t0),
			derived_ms: derivedMs
		};
	} finally {
		// nothing may still read a stage when the stages are dropped and the connections closed
		await Promise.allSettled(pending.map((p) => p.settled));
		side.closeSync();
		for (const p of prepared) p.cleanup();
		// after a swap the stages have become the tables; otherwise they are discarded here
		await dropStages(conn).catch(() => {});
		conn.closeSync(); // drops the connection's temp tables (duplicates, DuckDB's CSV rejects)
	}
}

/**
 * A refusal names the file as the user knows it, never where the server keeps it or its copies (DuckDB
 * quotes the path it read: a decompressed or recoded copy in the temp folder, an upload's folder).
 */
export function hidePaths(message: string, name: string, file: string): string {
	const esc = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const places = [...new Set([os.tmpdir(), path.dirname(path.resolve(file))])].sort((a, b) => b.length - a.length);
	return places.reduce((m, dir) => m.replace(new RegExp(`${esc(dir)}${esc(path.sep)}[^\\s"']*`, 'g'), name), message);
}

function orderByTable(files: IngestFile[]): IngestFile[] {
	const rank = (f: IngestFile) => {
		const t = f.table ?? tableForFileName(f.originalName ?? f.path);
		return t ? TABLE_NAMES.indexOf(t) : TABLE_NAMES.length;
	};
	return [...files].sort((a, b) => rank(a) - rank(b));
}

async function rejectSample(conn: DuckDBConnection, s: StagedTable, n: number): Promise<RejectRow[]> {
	if (n <= 0 || s.rows_rejected === 0) return [];
	const r = await conn.runAndReadAll(`SELECT * FROM (${s.rejectsSql}) LIMIT $n`, { n });
	return (r.getRowObjectsJson() as Record<string, unknown>[]).map((x) => ({
		line: Number(x.line),
		column: (x.column_name as string | null) ?? null,
		value: (x.value as string | null) ?? null,
		rule: String(x.rule)
	}));
}

function tableReport(s: StagedTable, rejects: RejectRow[], stored: number, maxStored: number, perRule: number): TableReport {
	const src = s.source;
	const notes: string[] = [...src.notes];
	if (s.rows_read === 0) notes.push('the file has a header but no rows: the table is now empty');
	if (stored >= maxStored) notes.push(`load_rejects keeps the first ${maxStored} rejects; the counts cover them all`);
	else if (stored < s.rows_rejected) notes.push(`load_rejects keeps the first ${perRule} rejects of each rule; the counts cover them all`);
	for (const h of src.match.ignored) notes.push(`header ${JSON.stringify(h)} matches no column of ${src.table} and was ignored`);
	return {
		table: src.table,
		file: src.name,
		format: src.format,
		compression: src.compression,
		rows_read: s.rows_read,
		rows_loaded: s.rows_loaded,
		rows_rejected: s.rows_rejected,
		rejects_stored: stored,
		rejects,
		mapped: src.match.mapped,
		missing_optional: src.match.missingOptional,
		ignored_headers: src.match.ignored,
		notes
	};
}
