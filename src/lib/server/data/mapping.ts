/**
 * Column mapping on the server: read a foreign file's headers and first rows (as the ingest reads it),
 * suggest mappings (saved ones, shipped presets, then from header names and sample values), list a
 * column's distinct values for a value map, preview a mapping by loading its first rows into a
 * throwaway database (the same rules, the same rejects, the ingest's own notes), and keep saved
 * mappings per header signature in the ledger database. Building the canonical files is
 * mapping-build.ts.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { applySaved, genericHeaders, headerSignature, mappingGaps, type FileShape, type SavedMapping, type TableMapping } from '$lib/data/mapping';
import { PRESETS } from '$lib/data/presets';
import { looksLikeData, suggestTables } from '$lib/data/suggest';
import { isTableName, SCHEMA, type TableName } from '$lib/schema';
import { getInstance, withConnection } from '../db';
import { ingestFiles } from '../ingest';
import { quoteIdent } from '../ingest/sql-text';
import type { IngestReport } from '../ingest/types';
import { buildCanonical } from './mapping-build';
import { distinctValues, readableSource, sampleSource } from './mapping-sources';
import { scratch, scratchLedger } from './scratch';
import { scrubPaths, sessionFilePath, UploadError } from './uploads';

const SAMPLE_ROWS = 5;
const PREVIEW_ROWS = 500;
const PREVIEW_SHOWN = 20;

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

export interface SourceFile {
	name: string;
	path: string;
	/** named after a table: inspected only in case an export mapping recognises it */
	optional?: boolean;
	noHeader?: boolean;
}

/** Headers, first rows and signature of each file (CSV / CSV.gz / Parquet / XLSX), read as the ingest reads it. */
export async function inspectFiles(files: SourceFile[], workDir?: string): Promise<FileShape[]> {
	return scratch(async (c) => {
		const out: FileShape[] = [];
		for (const f of files) {
			// a file named after a table is loaded by the ingest as it is; a workbook of that name is not
			// converted just for a glance
			if (f.optional && /\.xlsx$/i.test(f.name)) continue;
			const dir = workDir ?? path.dirname(f.path);
			try {
				const glance = async (thorough: boolean) => {
					const src = await readableSource(f.path, dir, thorough);
					return { src, sample: await sampleSource(c, src, Boolean(f.noHeader), SAMPLE_ROWS) };
				};
				// DuckDB's sniffer reads past the first 64 kB: a line there that is not UTF-8 needs the copy
				const { src, sample } = await glance(false).catch((e) => (/unicode|utf-8/i.test(String(e)) ? glance(true) : Promise.reject(e)));
				const headers = f.noHeader ? genericHeaders(src.first.length) : sample.headers;
				out.push({
					name: f.name,
					headers,
					rows: sample.rows,
					signature: headerSignature(headers),
					headerless: Boolean(f.noHeader),
					width: f.noHeader ? src.first.length : headers.length,
					looksHeaderless: src.kind === 'csv' && looksLikeData(src.first)
				});
			} catch (e) {
				if (f.optional) continue;
				if (e instanceof UploadError) throw e;
				throw new UploadError(400, `${f.name} could not be read: ${scrubPaths(firstLine(e), dir)}`);
			}
		}
		return out;
	});
}

export interface Suggestion {
	mapping: TableMapping;
	name: string;
	limitations: string[];
	source: 'saved' | 'preset' | 'suggested';
}

/**
 * For each file: the mapping a saved one (or a shipped preset) gives it; for the files none of them
 * knows (of `guessFor`, when given: the files not named after a table), mappings suggested from their
 * header names and sample values. One mapping per table; a file may feed several tables.
 */
export async function suggestMappings(shapes: FileShape[], given: readonly SavedMapping[] = [], guessFor?: ReadonlySet<string>): Promise<Suggestion[]> {
	const saved = await savedMappings().catch(() => []);
	const out: Suggestion[] = [];
	for (const [list, source] of [
		[given, 'saved'],
		[saved, 'saved'],
		[PRESETS, 'preset']
	] as const) {
		for (const s of list) {
			const m = applySaved(s, shapes);
			if (!m || out.some((o) => o.mapping.table === m.table)) continue;
			out.push({ mapping: m, name: s.name, limitations: s.limitations ?? [], source });
		}
	}
	const known = new Set(out.flatMap((o) => [o.mapping.file, ...(o.mapping.lookup ? [o.mapping.lookup.file] : [])]));
	for (const shape of shapes) {
		// a file named after a table loads as it is: its columns are guessed only if it is an export
		if (known.has(shape.name) || (guessFor && !guessFor.has(shape.name))) continue;
		for (const m of suggestTables(shape, new Set(out.map((o) => o.mapping.table)))) {
			out.push({ mapping: m, name: `${m.table} from ${shape.name}`, limitations: [], source: 'suggested' });
		}
	}
	const all = out.map((o) => o.mapping);
	for (const o of out) if (!o.limitations.length) o.limitations = mappingGaps(o.mapping, all);
	return out;
}

/**
 * The upload's files and the mappings suggested for them: from `given` (a mapping file the user
 * brought, the JSON `npm run ingest -- --mapping` reads) first, then as suggestMappings says. A
 * suggestion that reads a file without a header row comes with that file's shape read so.
 */
export async function inspectUpload(files: SourceFile[], given: readonly SavedMapping[] = []): Promise<{ files: FileShape[]; suggestions: Suggestion[] }> {
	let shapes = await inspectFiles(files);
	const suggestions = await suggestMappings(shapes, given, new Set(files.filter((f) => !f.optional).map((f) => f.name)));
	const headerless = new Set(suggestions.flatMap((s) => [s.mapping.noHeader ? s.mapping.file : null, s.mapping.lookup?.noHeader ? s.mapping.lookup.file : null]).filter((x): x is string => x !== null));
	if (headerless.size) {
		const again = await inspectFiles(files.filter((f) => headerless.has(f.name)).map((f) => ({ ...f, noHeader: true })));
		shapes = shapes.map((s) => again.find((a) => a.name === s.name) ?? s);
	}
	return { files: shapes, suggestions };
}

/** The distinct values of one column of an upload's file (most frequent first), for a value map. */
export async function columnValues(dir: string, file: string, column: string, noHeader: boolean): Promise<{ values: { value: string; rows: number }[]; distinct: number }> {
	const p = sessionFilePath(dir, file);
	return scratch(async (c) => {
		const src = await readableSource(p, dir, false);
		const { headers } = await sampleSource(c, src, noHeader, 1);
		const names = noHeader ? genericHeaders(src.first.length) : headers;
		if (!names.includes(column)) throw new UploadError(400, `"${column.slice(0, 100)}" is not a column of ${file}`);
		return distinctValues(c, src, noHeader, column);
	});
}

export interface PreviewResult {
	table: string;
	columns: string[];
	rows: string[][];
	report: IngestReport;
	gaps: string[];
}

/**
 * Builds the first rows of each mapping and loads them into a throwaway database through the ingest:
 * what would load (as loaded: dates read, defaults filled), what would be rejected, and the ingest's
 * notes (the date formats it detected, repeated keys folded).
 */
export async function previewMappings(mappings: TableMapping[], dir: string, nullTokens: readonly string[]): Promise<PreviewResult[]> {
	const outDir = path.join(dir, `.preview-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
	try {
		const files = await buildCanonical(mappings, (n) => sessionFilePath(dir, n), { workDir: dir, outDir, nullTokens, limit: PREVIEW_ROWS });
		return await scratchLedger(async (db) => {
			const report = await ingestFiles(db, files, { loadReadableFiles: true, rejectSample: 20 });
			for (const r of report.refused) r.reason = scrubPaths(r.reason, dir);
			const c = await db.connect();
			try {
				const results: PreviewResult[] = [];
				for (const m of mappings) {
					const columns = SCHEMA[m.table].columns.map((x) => x.name);
					const loaded = report.tables.some((t) => t.table === m.table);
					const rows = loaded
						? ((await c.runAndReadAll(`SELECT ${columns.map((x) => `CAST(${quoteIdent(x)} AS VARCHAR)`).join(', ')} FROM ${quoteIdent(m.table)} LIMIT ${PREVIEW_SHOWN}`)).getRowsJson() as (string | null)[][])
						: [];
					results.push({
						table: m.table,
						columns,
						rows: rows.map((r) => r.map((v) => v ?? '')),
						report: { ...report, tables: report.tables.filter((t) => t.table === m.table), refused: report.refused.filter((r) => r.table === m.table), warnings: [] },
						gaps: mappingGaps(m, mappings)
					});
				}
				return results;
			} finally {
				c.closeSync();
			}
		});
	} finally {
		rmSync(outDir, { recursive: true, force: true });
	}
}

// ---- saved mappings ----

const ready = new WeakMap<object, Promise<void>>();
async function ensureTable(): Promise<void> {
	const inst = await getInstance();
	let p = ready.get(inst);
	if (!p) {
		p = withConnection(async (c) => {
			await c.run(`CREATE TABLE IF NOT EXISTS column_mappings (signature VARCHAR PRIMARY KEY, name VARCHAR, mapping VARCHAR, saved_at TIMESTAMP)`);
		});
		p.catch(() => ready.delete(inst));
		ready.set(inst, p);
	}
	return p;
}

export async function savedMappings(): Promise<SavedMapping[]> {
	await ensureTable();
	const rows = await withConnection(async (c) => (await c.runAndReadAll('SELECT mapping FROM column_mappings ORDER BY saved_at DESC')).getRowObjectsJson());
	const out: SavedMapping[] = [];
	for (const r of rows as { mapping: string }[]) {
		try {
			out.push(JSON.parse(r.mapping));
		} catch {
			// a damaged row is skipped
		}
	}
	return out;
}

/**
 * Saves a mapping for the next export of the same shape. Keyed by signature and table: one export
 * may feed several tables, each saved on its own.
 */
export async function saveMapping(m: SavedMapping): Promise<void> {
	if (!m || typeof m.signature !== 'string' || typeof m.table !== 'string' || !isTableName(m.table) || typeof m.columns !== 'object') throw new UploadError(400, 'not a mapping');
	const name = String(m.name ?? '').trim().slice(0, 100) || `${m.table} mapping`;
	await ensureTable();
	await withConnection(async (c) => {
		await c.run(`INSERT OR REPLACE INTO column_mappings VALUES ($key, $name, $mapping, now()::TIMESTAMP)`, {
			key: `${m.signature}:${m.table as TableName}`,
			name,
			mapping: JSON.stringify({ ...m, name })
		});
	});
}
