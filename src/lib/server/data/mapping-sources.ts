/**
 * How the column mapping reads a source file: the way the ingest reads one (issue 14, item 3). The
 * delimiter comes from the header line (inspectCsv), quotes are '"' escaped by '"', a gzip is
 * decompressed within its bound, text that is not UTF-8 throughout is read as Windows-1252 line by
 * line, an .xlsx is bounds-checked and converted by the ingest's converter; a row with more or fewer
 * fields than the header is set aside on its own with its line (DuckDB's CSV rejects), never making
 * the file look like one column. Every row keeps its line in the file ("__ledger_line"), so the
 * rejects of a mapped load point into the file the user has.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { genericHeaders } from '$lib/data/mapping';
import { gunzipHead, gunzipToFile, tooLargeMessage } from '../ingest/decompress';
import { RefusedFile } from '../ingest/refused';
import { maxDecompressedBytes, maxSessionDiskBytes } from '../limits';
import { copyOnce, diskLeft } from './session-copies';
import { checkXlsx, headerLine, inspectCsv, isUtf8File, recodeToUtf8, type CsvDialect } from '../ingest/inspect';
import { quoteIdent, sqlString } from '../ingest/sql-text';
import { XLSX_LINE_COLUMN, xlsxToCsv } from '../ingest/xlsx';
import { checkXlsxBounds, sheetsLast } from '../ingest/xlsx-bounds';
import { MAPPED_COLUMNS } from '../ingest/types';
import { LINE } from './mapping-sql';
import { UploadError } from './uploads';

/** A source as DuckDB should read it. */
export interface Readable {
	/** the file to read (the original, or a copy: decompressed, recoded, converted from a sheet) */
	path: string;
	kind: 'csv' | 'sheet' | 'parquet';
	delimiter: CsvDialect['delimiter'];
	encoding: 'utf-8' | 'utf-16';
	/** the fields of the first record (the header, or a header-less file's first row) */
	first: string[];
}

const unreadable = (file: string, e: unknown) =>
	new UploadError(400, `${path.basename(file)} could not be read: ${e instanceof Error ? e.message : String(e)}`);

/**
 * Makes a copy of a source within its bound — the ingest's bound on one file, or what the folder of
 * copies has left (LEDGER_MAX_SESSION_DISK_MB), the smaller — and turns a refusal into an answer that
 * says which bound it met (issue 19's second pass: copies once counted against no limit).
 */
async function copying(file: string, workDir: string, make: (limit: number) => Promise<unknown>): Promise<void> {
	const left = diskLeft(workDir);
	const limit = Math.min(maxDecompressedBytes(), left);
	try {
		await make(limit);
	} catch (e) {
		if (e instanceof RefusedFile && limit === left && e.message === tooLargeMessage(limit)) {
			throw new UploadError(413, `${path.basename(file)}: this upload's files and the copies their mapping needs would pass ${Math.round(maxSessionDiskBytes() / 2 ** 20)} MB (LEDGER_MAX_SESSION_DISK_MB)`);
		}
		throw unreadable(file, e);
	}
}

/** The fields of one CSV record, quotes honoured ("a ""b""" is a "b"). */
export function fieldsOf(line: string, delimiter: string): string[] {
	const out: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (ch === '"') {
			if (quoted && line[i + 1] === '"') {
				cur += '"';
				i++;
			} else quoted = !quoted;
		} else if (ch === delimiter && !quoted) {
			out.push(cur);
			cur = '';
		} else cur += ch;
	}
	out.push(cur);
	return out;
}

function firstRecord(file: string, encoding: Readable['encoding'], delimiter: string): string[] {
	const fd = openSync(file, 'r');
	let head: Buffer;
	try {
		const buf = Buffer.alloc(1 << 16);
		head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
	} finally {
		closeSync(fd);
	}
	const text = new TextDecoder(encoding === 'utf-16' ? 'utf-16le' : 'utf-8').decode(head, { stream: true }).replace(/^\uFEFF/, '');
	return fieldsOf(headerLine(text), delimiter);
}

/**
 * The source as DuckDB should read it. Copies go into `workDir` (the upload's own folder, or the
 * CLI's temp folder). `thorough` reads a whole CSV to be sure it is UTF-8 (before a mapping is built);
 * otherwise its first 64 kB decide (a glance at the headers and first rows).
 */
export async function readableSource(file: string, workDir: string, thorough: boolean): Promise<Readable> {
	const name = path.basename(file);
	const into = (kind: string) => {
		const dir = path.join(workDir, `.${kind}`);
		mkdirSync(dir, { recursive: true, mode: 0o700 });
		return dir;
	};
	if (/\.parquet$/i.test(name)) return { path: file, kind: 'parquet', delimiter: ',', encoding: 'utf-8', first: [] };
	if (/\.xlsx$/i.test(name)) {
		const csv = await copyOnce('.xlsx', file, async () => {
			const out = path.join(into('xlsx'), `${name}.csv`);
			const ordered = path.join(into('xlsx'), `${name}.ordered`);
			try {
				checkXlsx(file);
				// before the reader holds a byte of it in memory (issue 19); then its sheets after its
				// shared strings, the order the reader needs (see sheetsLast)
				await sheetsLast(file, await checkXlsxBounds(file), ordered);
				await xlsxToCsv(ordered, out);
			} catch (e) {
				throw unreadable(file, e);
			} finally {
				rmSync(ordered, { force: true });
			}
			return out;
		});
		return { path: csv, kind: 'sheet', delimiter: ',', encoding: 'utf-8', first: firstRecord(csv, 'utf-8', ',').slice(1) };
	}
	let dialect: CsvDialect;
	try {
		dialect = inspectCsv(file);
	} catch (e) {
		// empty, binary, not gzip: refused with the ingest's own words, never handed to DuckDB's reader
		throw unreadable(file, e);
	}
	if (dialect.compression === 'gzip' && !thorough) {
		// a glance needs the first rows, not gigabytes: the first megabyte of text, cut at a line end
		const glance = await copyOnce('.glance', file, async () => {
			const text = gunzipHead(file, 1 << 20);
			const cut = text.lastIndexOf(dialect.eol);
			const out = path.join(into('glance'), name.replace(/\.gz$/i, ''));
			writeFileSync(out, cut >= 0 ? text.subarray(0, cut + 1) : text, { mode: 0o600 });
			return out;
		});
		return readableSource(glance, workDir, false);
	}
	if (dialect.compression === 'gzip') {
		const plain = await copyOnce('.plain', file, async () => {
			const out = path.join(into('plain'), name.replace(/\.gz$/i, ''));
			await copying(file, workDir, (limit) => gunzipToFile(file, out, limit));
			return out;
		});
		return readableSource(plain, workDir, thorough);
	}
	const csv = (p: string, encoding: Readable['encoding']): Readable => ({
		path: p,
		kind: 'csv',
		delimiter: dialect.delimiter,
		encoding,
		first: firstRecord(p, encoding, dialect.delimiter)
	});
	if (dialect.encoding === 'utf-16') return csv(file, 'utf-16');
	if (dialect.encoding === 'utf-8' && !thorough) return csv(file, 'utf-8');
	const p = await copyOnce('.utf8', file, async () => {
		if (dialect.encoding === 'utf-8' && (await isUtf8File(file, dialect))) return file;
		const copy = path.join(into('utf8'), name);
		await copying(file, workDir, (limit) => recodeToUtf8(file, copy, dialect, limit));
		return copy;
	});
	return csv(p, 'utf-8');
}

/** The table function reading a source, every cell as text; `extra` adds read_csv options. */
export function readerSql(src: Readable, noHeader: boolean, extra = ''): string {
	const p = sqlString(src.path);
	if (src.kind === 'parquet') return `(SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${p}))`;
	const headerless = noHeader && src.kind === 'csv';
	const columns = headerless ? `, columns = {${genericHeaders(src.first.length).map((h) => `${sqlString(h)}: 'VARCHAR'`).join(', ')}}` : '';
	return (
		`read_csv(${p}, header = ${headerless ? 'false' : 'true'}, all_varchar = true, delim = ${sqlString(src.delimiter)}, ` +
		`quote = '"', escape = '"', encoding = ${sqlString(src.encoding)}${columns}${extra})`
	);
}

const withoutHelpers = (names: string[]) => names.filter((h) => h !== XLSX_LINE_COLUMN && h !== MAPPED_COLUMNS.line);

/** The headers and first rows of a source (a malformed row among them is skipped). */
export async function sampleSource(c: DuckDBConnection, src: Readable, noHeader: boolean, rows: number): Promise<{ headers: string[]; rows: string[][] }> {
	if (noHeader && src.kind !== 'csv') throw new UploadError(400, 'only a CSV file can be read without a header row: add a header row to the sheet');
	const r = await c.runAndReadAll(`SELECT * FROM ${readerSql(src, noHeader, src.kind === 'parquet' ? '' : ', ignore_errors = true')} LIMIT ${Math.max(1, Math.floor(rows))}`);
	const names = r.columnNames();
	const keep = names.map((h, i) => [h, i] as const).filter(([h]) => withoutHelpers([h]).length > 0);
	return {
		headers: keep.map(([h]) => h.replace(/^\uFEFF/, '')),
		rows: (r.getRowsJson() as unknown[][]).map((row) => keep.map(([, i]) => (row[i] === null ? '' : String(row[i]).replace(/^\uFEFF/, ''))))
	};
}

/**
 * Reads a source into the scratch table `name` (its headers' columns, all text, and "__ledger_line"),
 * and the rows it could not split into `${name}_ragged` (line, raw, rule). `limit` reads only the first
 * rows (a preview). Answers the headers and whether any row was set aside.
 */
export async function materialise(
	c: DuckDBConnection,
	src: Readable,
	noHeader: boolean,
	name: string,
	limit?: number
): Promise<{ headers: string[]; ragged: string | null }> {
	if (noHeader && src.kind !== 'csv') throw new UploadError(400, 'only a CSV file can be read without a header row: add a header row to the sheet');
	const t = quoteIdent(name);
	const raw = quoteIdent(`${name}_raw`);
	const lim = limit ? ` LIMIT ${Math.max(1, Math.floor(limit))}` : '';
	let ragged: string | null = null;
	if (src.kind === 'parquet') {
		await c.run(`CREATE TEMP TABLE ${t} AS SELECT *, row_number() OVER () AS ${LINE} FROM ${readerSql(src, false)}${lim}`);
	} else if (src.kind === 'sheet') {
		const row = quoteIdent(XLSX_LINE_COLUMN);
		await c.run(`CREATE TEMP TABLE ${t} AS SELECT * EXCLUDE (${row}), CAST(${row} AS BIGINT) AS ${LINE} FROM ${readerSql(src, false)}${lim}`);
	} else {
		const rj = `${name}_rejects`;
		await c.run(
			`CREATE TEMP TABLE ${raw} AS SELECT * FROM ${readerSql(src, noHeader, `, store_rejects = true, rejects_table = ${sqlString(rj)}, rejects_scan = ${sqlString(`${name}_scans`)}`)}${lim}`
		);
		const header = noHeader ? 0 : 1;
		const count = async (sql: string) => Number((await c.runAndReadAll(sql)).getRows()[0][0]);
		const hasRejects = (await count(`SELECT count(*) FROM duckdb_tables() WHERE table_name = ${sqlString(rj)}`)) > 0 && (await count(`SELECT count(*) FROM ${quoteIdent(rj)}`)) > 0;
		let line = `rowid + ${1 + header}`;
		if (hasRejects) {
			// a row the reader set aside is not in the table: the rows after it sit one position earlier
			// than their line (as in the ingest's stage): a kept row comes after every set-aside line
			// L_j (j-th of them) with L_j - j - header <= its position
			const shifts = quoteIdent(`${name}_shifts`);
			await c.run(
				`CREATE TEMP TABLE ${shifts} AS SELECT line - row_number() OVER (ORDER BY line) - ${header} AS shift FROM (SELECT DISTINCT line FROM ${quoteIdent(rj)})`
			);
			line += ` + (SELECT count(*) FROM ${shifts} WHERE shift <= rowid)`;
			ragged = `${name}_ragged`;
			// a short row gets one error per missing column; the first one says how many fields it had
			await c.run(
				`CREATE TEMP TABLE ${quoteIdent(ragged)} AS SELECT line, any_value(csv_line) AS raw, 'malformed row: ' || arg_min(error_message, column_idx) AS rule ` +
					`FROM ${quoteIdent(rj)} GROUP BY line`
			);
		}
		await c.run(`CREATE TEMP TABLE ${t} AS SELECT *, CAST(${line} AS BIGINT) AS ${LINE} FROM ${raw}`);
		await c.run(`DROP TABLE ${raw}`);
		if (ragged && limit && (await count(`SELECT count(*) FROM ${t}`)) >= limit) {
			// a preview that stopped at its limit: the set-aside lines after the last row read are not its
			await c.run(`DELETE FROM ${quoteIdent(ragged)} WHERE line > (SELECT max(${LINE}) FROM ${t})`);
		}
	}
	const r = await c.runAndReadAll(`SELECT * FROM ${t} LIMIT 0`);
	return { headers: withoutHelpers(r.columnNames()).map((h) => h.replace(/^\uFEFF/, '')), ragged };
}

/** The distinct values of one column, most frequent first (for a value map), and how many there are. */
export async function distinctValues(
	c: DuckDBConnection,
	src: Readable,
	noHeader: boolean,
	column: string,
	top = 100
): Promise<{ values: { value: string; rows: number }[]; distinct: number }> {
	const from = readerSql(src, noHeader, src.kind === 'parquet' ? '' : ', ignore_errors = true');
	const v = `coalesce(trim(CAST(${quoteIdent(column)} AS VARCHAR)), '')`;
	const r = await c.runAndReadAll(
		// the count of groups by an aggregate, not count(*) OVER (): see queries/drivers/drill_lines.sql
		`WITH g AS (SELECT ${v} AS value, count(*) AS n FROM ${from} GROUP BY ALL)
		 SELECT value, n, (SELECT count(*) FROM g) AS distinct_values FROM g ORDER BY n DESC, value LIMIT ${Math.floor(top)}`
	);
	const rows = r.getRowObjectsJson() as { value: string; n: string | number; distinct_values: string | number }[];
	return { values: rows.map((x) => ({ value: x.value, rows: Number(x.n) })), distinct: rows.length ? Number(rows[0].distinct_values) : 0 };
}
