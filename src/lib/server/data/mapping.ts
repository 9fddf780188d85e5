/**
 * Column mapping on the server: read a foreign file's headers and first rows, build canonical CSV files
 * from a mapping (in a private in-memory DuckDB, so the shared database is untouched until the real load),
 * preview a mapping by loading its first rows into a throwaway database (the same rules, the same rejects),
 * and keep saved mappings per header signature in the ledger database.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applySaved, headerSignature, mappingGaps, mappingSelect, quoteLiteral, validateMapping, type FileShape, type SavedMapping, type TableMapping } from '$lib/data/mapping';
import { PRESETS } from '$lib/data/presets';
import { isTableName } from '$lib/schema';
import { getInstance, withConnection } from '../db';
import { instanceOptions } from '../db/config';
import { openInstance } from '../db/instance';
import { ingestFiles } from '../ingest';
import { gunzipHead, gunzipToFile, tooLargeMessage } from '../ingest/decompress';
import { RefusedFile } from '../ingest/refused';
import { maxDecompressedBytes, maxSessionDiskBytes } from '../limits';
import { copyOnce, diskLeft } from './session-copies';
import { inspectCsv, isUtf8File, recodeToUtf8 } from '../ingest/inspect';
import type { IngestFile, IngestReport } from '../ingest/types';
import { scrubPaths, sessionFilePath, UploadError } from './uploads';

const SAMPLE_ROWS = 5;
const PREVIEW_ROWS = 500;

/**
 * Makes a copy of an upload's file within its bound — the ingest's bound on one file, or what the
 * upload's folder has left (LEDGER_MAX_SESSION_DISK_MB), the smaller — and turns a refusal into an
 * answer that says which bound it met.
 */
async function copying(file: string, make: (limit: number) => Promise<unknown>): Promise<void> {
	const left = diskLeft(path.dirname(file));
	const limit = Math.min(maxDecompressedBytes(), left);
	try {
		await make(limit);
	} catch (e) {
		if (e instanceof RefusedFile && limit === left && e.message === tooLargeMessage(limit)) {
			throw new UploadError(413, `${path.basename(file)}: this upload's files and the copies their mapping needs would pass ${Math.round(maxSessionDiskBytes() / 2 ** 20)} MB (LEDGER_MAX_SESSION_DISK_MB)`);
		}
		throw new UploadError(400, `${path.basename(file)} could not be read: ${e instanceof Error ? e.message : String(e)}`);
	}
}

/**
 * The path DuckDB should read a source file from: the file itself, the text of a .csv.gz (decompressed
 * into the upload's folder within the ingest's bound — for a glance, only its first megabyte), or — for
 * a CSV that is not UTF-8 throughout (a Windows export) — a UTF-8 copy next to it, its non-UTF-8 lines
 * read as Windows-1252, the way the ingest reads such files (DuckDB's reader refuses them). `thorough`
 * reads the whole file to be sure (before a mapping is built); otherwise the first 64 kB decide (a
 * glance at the headers and first rows, which every upload gets). Copies: see session-copies.ts.
 */
async function readablePath(file: string, thorough: boolean): Promise<string> {
	if (/\.(parquet|xlsx)$/i.test(file)) return file;
	let dialect;
	try {
		dialect = inspectCsv(file);
	} catch (e) {
		// empty, binary, not gzip: refused with the ingest's own words, never handed to DuckDB's reader
		throw new UploadError(400, `${path.basename(file)} could not be read: ${e instanceof Error ? e.message : String(e)}`);
	}
	const name = path.basename(file);
	const copyPath = (kind: string, n: string) => {
		const d = path.join(path.dirname(file), kind);
		mkdirSync(d, { recursive: true, mode: 0o700 });
		return path.join(d, n);
	};
	if (dialect.compression === 'gzip' && !thorough) {
		// a glance needs the first rows, not gigabytes: the first megabyte of text, cut at a line end
		const glance = await copyOnce('.glance', file, async () => {
			const text = gunzipHead(file, 1 << 20);
			const cut = text.lastIndexOf(dialect.eol);
			const out = copyPath('.glance', name.replace(/\.gz$/i, ''));
			writeFileSync(out, cut >= 0 ? text.subarray(0, cut + 1) : text, { mode: 0o600 });
			return out;
		});
		return readablePath(glance, false);
	}
	if (dialect.compression === 'gzip') {
		const plain = await copyOnce('.plain', file, async () => {
			const out = copyPath('.plain', name.replace(/\.gz$/i, ''));
			await copying(file, (limit) => gunzipToFile(file, out, limit));
			return out;
		});
		return readablePath(plain, thorough);
	}
	if (dialect.encoding === 'utf-16' || (dialect.encoding === 'utf-8' && !thorough)) return file;
	return copyOnce('.utf8', file, async () => {
		if (dialect.encoding === 'utf-8' && (await isUtf8File(file, dialect))) return file;
		const copy = copyPath('.utf8', name);
		await copying(file, (limit) => recodeToUtf8(file, copy, dialect, limit));
		return copy;
	});
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

function readSql(file: string): string {
	const p = quoteLiteral(file);
	if (/\.parquet$/i.test(file)) return `(SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${p}))`;
	if (/\.xlsx$/i.test(file)) throw new UploadError(415, `${path.basename(file)}: column mapping reads CSV and Parquet files; save the sheet as CSV`);
	return `read_csv(${p}, all_varchar = true, header = true)`;
}

/**
 * A throwaway database for reading and building mapped files, with the scratch memory limit, one at a
 * time in this process: parallel inspects or previews queue instead of each taking memory.
 */
let scratchQueue: Promise<unknown> = Promise.resolve();
function scratch<T>(fn: (c: Awaited<ReturnType<DuckDBInstance['connect']>>) => Promise<T>): Promise<T> {
	const run = scratchQueue.then(async () => {
		const inst = await DuckDBInstance.create(':memory:', instanceOptions(':memory:', 'scratch'));
		const c = await inst.connect();
		try {
			return await fn(c);
		} finally {
			c.closeSync();
			inst.closeSync();
		}
	});
	scratchQueue = run.catch(() => {});
	return run;
}

/** Headers, first rows and signature of each file (CSV / CSV.gz / Parquet). */
export async function inspectFiles(files: { name: string; path: string; optional?: boolean }[]): Promise<FileShape[]> {
	return scratch(async (c) => {
		const out: FileShape[] = [];
		for (const f of files) {
			// a file named after a table is only inspected in case an export mapping recognises it: if it
			// cannot be read here, the ingest reads it (XLSX) or refuses it with its own message
			if (f.optional && /\.xlsx$/i.test(f.name)) continue;
			try {
				const read = async (thorough: boolean) => c.runAndReadAll(`SELECT * FROM ${readSql(await readablePath(f.path, thorough))} LIMIT ${SAMPLE_ROWS}`);
				// DuckDB's sniffer reads past the first 64 kB: a line there that is not UTF-8 needs the copy
				const r = await read(false).catch((e) => (/unicode|utf-8/i.test(String(e)) ? read(true) : Promise.reject(e)));
				const headers = r.columnNames().map((h) => h.replace(/^\uFEFF/, ''));
				const rows = (r.getRowsJson() as unknown[][]).map((row) => row.map((v) => (v === null ? '' : String(v))));
				out.push({ name: f.name, headers, rows, signature: headerSignature(headers) });
			} catch (e) {
				if (f.optional) continue;
				if (e instanceof UploadError) throw e;
				throw new UploadError(400, `${f.name} could not be read: ${scrubPaths(firstLine(e), path.dirname(f.path))}`);
			}
		}
		return out;
	});
}

function checkAll(mappings: TableMapping[], shapes: FileShape[]) {
	const headers = Object.fromEntries(shapes.map((s) => [s.name, s.headers]));
	const seen = new Set<string>();
	for (const m of mappings) {
		if (seen.has(m.table)) throw new UploadError(400, `two mappings build ${m.table}`);
		seen.add(m.table);
		const errors = validateMapping(m, headers);
		const first = Object.entries(errors)[0];
		if (first) throw new UploadError(400, `${m.table}: ${first[0] ? `${first[0]} ` : ''}${first[1]}`);
	}
}

/**
 * Writes one canonical CSV per mapping into `outDir` and returns them as ingest files (named after the
 * source files, so reports and load_rejects say where the rows came from).
 */
export async function buildCanonical(mappings: TableMapping[], dir: string, outDir: string, limit?: number): Promise<IngestFile[]> {
	const names = [...new Set(mappings.flatMap((m) => [m.file, ...(m.lookup ? [m.lookup.file] : [])]))];
	// only the session's own files, by their exact names (a mapping comes from a request)
	const sources = new Map(names.map((n) => [n, sessionFilePath(dir, n)] as const));
	const shapes = await inspectFiles(names.map((name) => ({ name, path: sources.get(name)! })));
	checkAll(mappings, shapes);
	const paths = new Map(await Promise.all(names.map(async (n) => [n, await readablePath(sources.get(n)!, true)] as const)));
	mkdirSync(outDir, { recursive: true });
	return scratch(async (c) => {
		const out: IngestFile[] = [];
		for (const m of mappings) {
			const target = path.join(outDir, `${m.table}.csv`);
			const select = mappingSelect(m, (f) => readSql(paths.get(f) ?? sessionFilePath(dir, f)), limit);
			try {
				await c.run(`COPY (${select}) TO ${quoteLiteral(target)} (HEADER, DELIMITER ',', QUOTE '"')`);
			} catch (e) {
				throw new UploadError(400, `${m.table} could not be built from ${m.file}: ${scrubPaths(firstLine(e), dir)}`);
			}
			out.push({ path: target, table: m.table, originalName: m.lookup ? `${m.file} + ${m.lookup.file}` : m.file });
		}
		return out;
	});
}

export interface PreviewResult {
	table: string;
	columns: string[];
	rows: string[][];
	report: IngestReport;
	gaps: string[];
}

/** Builds the first rows of each mapping and loads them into a throwaway database: what would load, what would be rejected. */
export async function previewMappings(mappings: TableMapping[], dir: string): Promise<PreviewResult[]> {
	const outDir = path.join(dir, `.preview-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
	try {
		return await previewInto(mappings, dir, outDir);
	} finally {
		// a preview's files are thrown away with it, answered or refused
		rmSync(outDir, { recursive: true, force: true });
	}
}

async function previewInto(mappings: TableMapping[], dir: string, outDir: string): Promise<PreviewResult[]> {
	const files = await buildCanonical(mappings, dir, outDir, PREVIEW_ROWS);
	const results: PreviewResult[] = [];
	const shapes = await inspectFiles(files.map((f) => ({ name: f.table!, path: f.path })));
	const db = await openInstance(':memory:', 'scratch');
	try {
		const report = await ingestFiles(db, files, { loadReadableFiles: true, rejectSample: 20 });
		for (const r of report.refused) r.reason = scrubPaths(r.reason, dir);
		for (const m of mappings) {
			const s = shapes.find((x) => x.name === m.table)!;
			results.push({
				table: m.table,
				columns: s.headers,
				rows: s.rows,
				report: { ...report, tables: report.tables.filter((t) => t.table === m.table), refused: report.refused.filter((r) => r.table === m.table), warnings: [] },
				gaps: mappingGaps(m)
			});
		}
	} finally {
		db.closeSync();
	}
	return results;
}

// ---- saved mappings ----

const ready = new WeakMap<DuckDBInstance, Promise<void>>();
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

export async function saveMapping(m: SavedMapping): Promise<void> {
	if (!m || typeof m.signature !== 'string' || !isTableName(m.table) || typeof m.columns !== 'object') throw new UploadError(400, 'not a mapping');
	const name = String(m.name ?? '').trim().slice(0, 100) || `${m.table} mapping`;
	await ensureTable();
	await withConnection(async (c) => {
		await c.run(
			`INSERT OR REPLACE INTO column_mappings VALUES ($signature, $name, $mapping, now()::TIMESTAMP)`,
			{ signature: m.signature, name, mapping: JSON.stringify({ ...m, name }) }
		);
	});
}

/** For each file: its shape, and the mapping a saved one (or a shipped preset) suggests for it. */
export async function suggestMappings(shapes: FileShape[]): Promise<{ mapping: TableMapping; name: string; limitations: string[]; source: 'saved' | 'preset' }[]> {
	const saved = await savedMappings().catch(() => []);
	const out: { mapping: TableMapping; name: string; limitations: string[]; source: 'saved' | 'preset' }[] = [];
	const used = new Set<string>();
	for (const [list, source] of [
		[saved, 'saved'],
		[PRESETS, 'preset']
	] as const) {
		for (const s of list) {
			const m = applySaved(s, shapes);
			if (!m || used.has(m.file) || out.some((o) => o.mapping.table === m.table)) continue;
			used.add(m.file);
			out.push({ mapping: m, name: s.name, limitations: s.limitations ?? mappingGaps(m), source });
		}
	}
	return out;
}
