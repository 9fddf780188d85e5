import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TableName } from '../../schema';
import { matchColumns, type ColumnMatch } from './columns';
import { checkParquet, checkXlsx, detectFormat, inspectCsv, recodedNote, recodeToUtf8, RefusedFile, type CsvDialect } from './inspect';
import { quoteIdent, sqlString } from './sql-text';
import { MAPPED_COLUMNS, type SourceFormat, type SourceOptions } from './types';
import { describeDetection, detectDateFamily, type Detection } from '$lib/data/date-formats';
import { SCHEMA } from '../../schema';
import type { StagePlan } from './validate-sql';
import { gunzipToFile } from './decompress';
import { XLSX_LINE_COLUMN, xlsxToCsv } from './xlsx';
import { checkXlsxBounds, sheetsLast } from './xlsx-bounds';

/** A file ready to stage: the DuckDB table function that reads it and how its headers map. */
export interface PreparedSource {
	table: TableName;
	/** what the user calls the file (reports and load_rejects use it) */
	name: string;
	format: SourceFormat;
	compression: 'gzip' | null;
	/** table function text; the file path is bound as $path, never spliced */
	from: string;
	readPath: string;
	match: ColumnMatch;
	plan: StagePlan;
	/** how a staged row's position becomes the line users see ('sheet': a column of the file says it) */
	lines: { kind: 'csv'; rejectsTable: string } | { kind: 'parquet' } | { kind: 'sheet' };
	/**
	 * For a file a column mapping built: SELECT line, value, rule of the source rows it could not read
	 * (they are not in `from`); stageFile reports them as rejects. Null for any other file.
	 */
	prerejected: string | null;
	/** what the load report should say about how the file was read (e.g. lines recoded) */
	notes: string[];
	/** what each date and timestamp column was read as, and why (detected from the values or declared) */
	dates: Record<string, Detection>;
	/**
	 * For a CSV read as UTF-8: switches to a UTF-8 copy in which the lines that are not UTF-8 were read
	 * as Windows-1252 (see recodeToUtf8). stageFile calls it when DuckDB finds such lines past the
	 * sample inspectCsv looked at; null once done, or when not applicable.
	 */
	recode: (() => Promise<void>) | null;
	cleanup(): void;
}

function firstLine(e: unknown): string {
	const msg = e instanceof Error ? e.message : String(e);
	return msg.split('\n').find((l) => l.trim() !== '')?.trim() ?? msg;
}

/** Column names as DuckDB will read them (it de-duplicates repeated and names empty headers). */
async function headersOf(conn: DuckDBConnection, from: string, readPath: string): Promise<string[]> {
	const r = await conn.runAndReadAll(`SELECT * FROM ${from} LIMIT 0`, { path: readPath });
	return r.columnNames();
}

function csvReader(dialect: Pick<CsvDialect, 'compression' | 'delimiter'> & { encoding: 'utf-8' | 'utf-16' }, extra: string): string {
	return (
		`read_csv($path, header = true, all_varchar = true, delim = ${sqlString(dialect.delimiter)}, ` +
		`quote = '"', escape = '"', encoding = ${sqlString(dialect.encoding)}, ` +
		`compression = ${sqlString(dialect.compression ?? 'none')}${extra})`
	);
}

/** At most `max` characters of a message: a file's own text can make one as long as the file. */
export const brief = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The headers a file has, as a refusal names them: 30 at most, 60 characters each. */
function headerList(headers: string[]): string {
	if (!headers.length) return 'none';
	const shown = headers.slice(0, 30).map((h) => JSON.stringify(brief(h, 60)));
	return shown.join(', ') + (headers.length > 30 ? `, and ${headers.length - 30} more` : '');
}

/** Values of each date column looked at to tell its format: the first rows that have one. */
const DATE_SAMPLE = 5000;

/**
 * How each date and timestamp column of the file is written: declared per column (a mapping), for the
 * whole file (--date-format), or detected from its first non-empty values (DESIGN §2.1).
 */
async function detectDates(
	conn: DuckDBConnection,
	table: TableName,
	probe: string,
	readPath: string,
	mapped: Record<string, string>,
	opts: SourceOptions
): Promise<Record<string, Detection>> {
	const out: Record<string, Detection> = {};
	for (const c of SCHEMA[table].columns) {
		if ((c.type !== 'date' && c.type !== 'timestamp') || !mapped[c.name]) continue;
		const declared = opts.dateFormats?.[c.name] ?? opts.dateFormat ?? 'auto';
		let values: string[] = [];
		if (declared === 'auto' || declared === 'dmy' || declared === 'mdy') {
			const h = quoteIdent(mapped[c.name]);
			const r = await conn.runAndReadAll(
				`SELECT CAST(${h} AS VARCHAR) AS v FROM ${probe} WHERE ${h} IS NOT NULL AND trim(CAST(${h} AS VARCHAR)) <> '' LIMIT ${DATE_SAMPLE}`,
				{ path: readPath }
			);
			values = (r.getRowsJson() as string[][]).map((row) => String(row[0]));
		}
		out[c.name] = detectDateFamily(values, declared);
	}
	// one file writes its dates one way: a column whose values could be either day or month first takes
	// the order another column of the file showed (an order date of 8/27/14 settles a ship date of 9/1/14)
	const shown = Object.values(out).find((d) => !d.declared && !d.ambiguous && (d.family === 'dmy' || d.family === 'mdy'));
	if (shown) for (const d of Object.values(out)) if (d.ambiguous) Object.assign(d, { family: shown.family, ambiguous: false });
	return out;
}

/**
 * Inspects a file, settles how DuckDB should read it and maps its headers. Throws RefusedFile, with the
 * reason in the user's terms, for anything that makes the file unreadable as a whole.
 */
export async function prepareSource(
	conn: DuckDBConnection,
	file: { path: string; table: TableName; name: string; fromMapping?: { columns: readonly string[] } },
	opts: SourceOptions
): Promise<PreparedSource> {
	// a built file is a CSV whatever its source was (the name is the source's: an .xlsx, a .parquet)
	const format = file.fromMapping ? 'csv' : detectFormat(file.path, file.name);
	let tmpDir: string | null = null;
	const notes: string[] = [];
	const cleanup = () => {
		if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
		tmpDir = null;
	};
	/** A UTF-8 copy of a CSV whose lines are UTF-8 or Windows-1252 (decompressed), and the note saying so. */
	const recodedCopy = async (src: string, dialect: CsvDialect) => {
		tmpDir ??= mkdtempSync(path.join(os.tmpdir(), 'ledger-recode-'));
		const readPath = path.join(tmpDir, `${file.table}.utf8.csv`);
		const r = await recodeToUtf8(src, readPath, dialect);
		if (r.lines) notes.push(recodedNote(r));
		return { readPath, dialect: { compression: null, encoding: 'utf-8', delimiter: dialect.delimiter } as const };
	};
	try {
		let readPath = file.path;
		let from: string;
		let compression: 'gzip' | null = null;
		let lines: PreparedSource['lines'];
		let probe: string;
		let recode: PreparedSource['recode'] = null;
		let prerejected: string | null = null;
		// rejects tables are per connection; one per table keeps two files of a load apart
		const rejectsTable = `ingest_csv_rejects_${file.table}`;
		const storeRejects =
			`, store_rejects = true, rejects_table = ${sqlString(rejectsTable)}, ` +
			`rejects_scan = ${sqlString(`ingest_csv_scans_${file.table}`)}`;

		if (format === 'parquet') {
			checkParquet(file.path);
			from = probe = 'read_parquet($path)';
			lines = { kind: 'parquet' };
		} else if (format === 'xlsx') {
			checkXlsx(file.path);
			const parts = await checkXlsxBounds(file.path); // before the reader holds a byte of it in memory
			tmpDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-xlsx-'));
			readPath = path.join(tmpDir, `${file.table}.csv`);
			const ordered = path.join(tmpDir, `${file.table}.xlsx`);
			await sheetsLast(file.path, parts, ordered);
			await xlsxToCsv(ordered, readPath);
			const dialect = { compression: null, encoding: 'utf-8', delimiter: ',' } as const;
			from = csvReader(dialect, storeRejects);
			probe = csvReader(dialect, ', ignore_errors = true');
			lines = { kind: 'sheet' };
		} else {
			let dialect = inspectCsv(file.path, opts);
			compression = dialect.compression;
			if (dialect.compression === 'gzip') {
				// decompressed first, with a bound on its size (LEDGER_MAX_DECOMPRESSED_MB); then a plain file
				tmpDir ??= mkdtempSync(path.join(os.tmpdir(), 'ledger-gunzip-'));
				readPath = path.join(tmpDir, `${file.table}.csv`);
				await gunzipToFile(file.path, readPath);
				dialect = { ...dialect, compression: null };
			}
			const plain = readPath;
			lines = { kind: 'csv', rejectsTable };
			let read: Parameters<typeof csvReader>[0];
			if (dialect.encoding === 'windows-1252') {
				const copy = await recodedCopy(plain, dialect);
				readPath = copy.readPath;
				read = copy.dialect;
			} else {
				read = { ...dialect, encoding: dialect.encoding };
				if (dialect.encoding === 'utf-8') {
					recode = async () => {
						const copy = await recodedCopy(plain, dialect);
						prepared.readPath = copy.readPath;
						prepared.from = csvReader(copy.dialect, storeRejects);
						prepared.recode = null;
					};
				}
			}
			from = csvReader(read, storeRejects);
			// ignore_errors: a malformed row in the sniff sample must not stop us learning the headers
			probe = csvReader(read, ', ignore_errors = true');
			if (file.fromMapping) {
				// written by the mapping (UTF-8, every row whole): lines come from its line column, and the
				// source rows it could not read are rejects of their own
				const reject = quoteIdent(MAPPED_COLUMNS.reject);
				prerejected =
					`SELECT CAST(${quoteIdent(MAPPED_COLUMNS.line)} AS BIGINT) AS line, ${quoteIdent(MAPPED_COLUMNS.raw)} AS value, ${reject} AS rule ` +
					`FROM ${csvReader(read, '')} WHERE ${reject} IS NOT NULL`;
				from = `(SELECT * FROM ${from} WHERE ${reject} IS NULL)`;
				lines = { kind: 'sheet' };
				recode = null;
			}
		}

		let headers: string[];
		try {
			headers = await headersOf(conn, probe, readPath);
		} catch (e) {
			throw new RefusedFile(`DuckDB cannot read it as ${format === 'parquet' ? 'Parquet' : 'CSV'}: ${firstLine(e)}`);
		}
		const lineColumn = lines.kind !== 'sheet' ? null : file.fromMapping ? MAPPED_COLUMNS.line : XLSX_LINE_COLUMN;
		const helpers = new Set<string>(file.fromMapping ? Object.values(MAPPED_COLUMNS) : lineColumn ? [lineColumn] : []);
		headers = headers.filter((h) => !helpers.has(h));

		const match = matchColumns(file.table, headers, opts.columnMap);
		if (file.fromMapping) {
			// a built file has every canonical column; those its mapping does not fill are absent, as in a
			// file without them (no date to detect; no qty_backordered means none recorded)
			const filled = new Set(file.fromMapping.columns);
			for (const c of Object.keys(match.mapped)) {
				if (filled.has(c)) continue;
				delete match.mapped[c];
				match.missingOptional.push(c);
			}
			match.ignored = [];
		}
		if (match.problems.length) throw new RefusedFile(brief(match.problems.join('; '), 2000));
		if (match.missingRequired.length) {
			throw new RefusedFile(
				`required column${match.missingRequired.length > 1 ? 's' : ''} missing: ${match.missingRequired.join(', ')} ` +
					`(headers found: ${headerList(headers)})`
			);
		}
		const sources: StagePlan['sources'] = {};
		for (const [canonical, header] of Object.entries(match.mapped)) sources[canonical] = quoteIdent(header);
		const dates = await detectDates(conn, file.table, probe, readPath, match.mapped, opts);
		for (const [col, d] of Object.entries(dates)) if (d.family !== 'iso' || d.ambiguous) notes.push(describeDetection(col, d));

		const prepared: PreparedSource = {
			table: file.table,
			name: file.name,
			format,
			compression,
			from,
			readPath,
			match,
			plan: {
				sources,
				lineExpr: lineColumn ? quoteIdent(lineColumn) : null,
				// a file with a qty_backordered column records its backorders; any other is derived (derive.ts)
				internal: file.table === 'order_lines' ? { bo_source: match.mapped.qty_backordered ? `'recorded'` : 'NULL' } : {}
			},
			lines,
			prerejected,
			notes,
			dates,
			recode,
			cleanup
		};
		return prepared;
	} catch (e) {
		cleanup();
		throw e;
	}
}
