import type { DuckDBConnection } from '@duckdb/node-api';
import { SCHEMA, TABLE_NAMES, type TableName } from '../../schema';
import { MAX_REJECTED_SHARE, MIN_REJECTS_TO_REFUSE } from '../limits';
import { RefusedFile } from './inspect';
import { withProgress } from './progress';
import type { PreparedSource } from './read-source';
import { quoteIdent, sqlString } from './sql-text';
import type { IngestProgress, SourceOptions } from './types';
import {
	clearFalseAlarmsSql,
	duplicateHashesSql,
	duplicateRule,
	duplicatesSql,
	helperColumns,
	keysNotAscendingSql,
	rejectRowsSql,
	stageSql
} from './validate-sql';

/** A file read and checked, waiting in its stage table for the swap. */
export interface StagedTable {
	source: PreparedSource;
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
	/** the stage table in the database (typed canonical columns + helper columns) */
	stage: string;
	/** helper columns to drop when the stage becomes the canonical table */
	helpers: string[];
	/** temp table of the stage rowids to delete (rejected rows, later duplicates), or null if none */
	dropRows: string | null;
	/** SELECT line, column_name, value, rule of every rejected row, ordered by line */
	rejectsSql: string;
	/** the same rows in no particular order: for counting (a sort of millions of rejects costs memory) */
	rejectsUnordered: string;
}

/**
 * A file read into its stage and checked against every rule; what remains is the duplicate-key check,
 * which may still be running on the side connection (see stageFile).
 */
export interface PendingStage {
	source: PreparedSource;
	rows_read: number;
	/** rows that break no rule (before later duplicates are set aside) */
	valid: number;
	/** the duplicate-key check and the reject query: the staged table. Called again, the same promise. */
	finish(): Promise<StagedTable>;
	/** settles when the side connection is done with this stage */
	settled: Promise<unknown>;
}

/** Stage tables live in the database under this name; a killed load can leave one behind. */
export const stageName = (table: TableName) => `__ingest_stage_${table}`;

/** Drops stage tables left by a load that was killed before its swap (they hold no committed data). */
export async function dropStages(conn: DuckDBConnection, tables: readonly TableName[] = TABLE_NAMES): Promise<void> {
	for (const t of tables) await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(stageName(t))}`);
}

const count = async (conn: DuckDBConnection, sql: string): Promise<number> =>
	Number((await conn.runAndReadAll(sql)).getRows()[0][0]);

function firstLine(e: unknown): string {
	const msg = e instanceof Error ? e.message : String(e);
	return msg.split('\n').find((l) => l.trim() !== '')?.trim() ?? msg;
}

/**
 * Reads a prepared source into a typed temp table, finds the rejects (rules, duplicate keys, rows
 * DuckDB's CSV reader could not split) and counts everything. Nothing outside the connection's temp
 * schema is touched, so a refusal here cannot affect loaded data.
 *
 * With a `side` connection, the proof that the keys are unique (keysAscend: one pass in one thread,
 * 0.4 s for 10M order lines) runs there while the caller reads the next file on `conn`, whose
 * CREATE TABLE keeps both cores busy; finish() waits for it and, when the keys do not ascend, looks
 * for duplicates on `conn` as before.
 */
export async function stageFile(
	conn: DuckDBConnection,
	src: PreparedSource,
	opts: SourceOptions,
	onProgress?: (p: IngestProgress) => void,
	side?: DuckDBConnection
): Promise<PendingStage> {
	const table = src.table;
	const stage = stageName(table);
	const report = (phase: IngestProgress['phase']) =>
		onProgress ? (fraction: number) => onProgress({ table, phase, fraction }) : undefined;

	const read = () =>
		withProgress(conn, report('reading'), () => conn.run(stageSql(table, stage, src.from, src.plan, opts), { path: src.readPath }));
	const rejectsExist = async () =>
		src.lines.kind === 'csv' &&
		(await count(conn, `SELECT count(*) FROM duckdb_tables() WHERE table_name = ${sqlString(src.lines.rejectsTable)}`)) > 0;
	/** Reads the file again from its UTF-8 copy (see PreparedSource.recode), forgetting the first read's rejects. */
	const readRecoded = async () => {
		await src.recode!();
		if (src.lines.kind === 'csv') {
			await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(src.lines.rejectsTable)}`);
			await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(`ingest_csv_scans_${table}`)}`);
		}
		await read();
	};
	try {
		try {
			await read();
		} catch (e) {
			// invalid UTF-8 where DuckDB cannot reject a row for it (e.g. inside a quoted line break)
			if (!src.recode || !/not utf-8 encoded|invalid unicode/i.test(String(e))) throw e;
			await readRecoded();
		}
		// lines that are not UTF-8 after the part inspectCsv sampled: DuckDB rejected them; read them as
		// Windows-1252 instead, the way a file that starts with such lines is read
		if (src.recode && src.lines.kind === 'csv' && (await rejectsExist())) {
			const invalid = await count(conn, `SELECT count(*) FROM ${quoteIdent(src.lines.rejectsTable)} WHERE error_type = 'INVALID ENCODING'`);
			if (invalid) await readRecoded();
		}
	} catch (e) {
		if (e instanceof RefusedFile) throw e;
		throw new RefusedFile(`DuckDB could not read it: ${firstLine(e)}`);
	}
	onProgress?.({ table, phase: 'validating', fraction: 0 });

	const q = quoteIdent(stage);
	const countBad = async () =>
		(await conn.runAndReadAll(`SELECT count(*), count(*) FILTER ("__bad") FROM ${q}`)).getRows()[0].map(Number);
	let [total, bad] = await countBad();
	if (bad) {
		await conn.run(clearFalseAlarmsSql(table, stage, opts));
		[total, bad] = await countBad();
	}

	// rows the CSV reader could not split into the header's columns never reach the stage, so they shift
	// the position → line arithmetic: a staged row comes after every malformed line L_j with L_j - j - 1 ≤ rowid
	let structural = 0;
	const shifts = `ingest_shifts_${table}`;
	if (src.lines.kind === 'csv') {
		const rj = quoteIdent(src.lines.rejectsTable);
		if (await rejectsExist()) {
			await conn.run(
				`CREATE OR REPLACE TEMP TABLE ${quoteIdent(shifts)} AS SELECT line - row_number() OVER (ORDER BY line) - 1 AS shift ` +
					`FROM (SELECT DISTINCT line FROM ${rj})`
			);
			structural = await count(conn, `SELECT count(*) FROM ${quoteIdent(shifts)}`);
		}
	}

	// source rows a column mapping could not read: rejects of their own, never in the stage
	const prerejects = `ingest_prerejects_${table}`;
	if (src.prerejected) {
		await conn.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(prerejects)} AS ${src.prerejected}`, { path: src.readPath });
		structural = await count(conn, `SELECT count(*) FROM ${quoteIdent(prerejects)}`);
	}

	const line =
		src.lines.kind === 'sheet'
			? '"__line"'
			: src.lines.kind === 'parquet'
				? '"__rowid" + 1'
				: structural
					? `"__rowid" + 2 + (SELECT count(*) FROM ${quoteIdent(shifts)} WHERE shift <= "__rowid")`
					: '"__rowid" + 2';

	// the key check reads only valid rows: with none (a refusal to come, see refuseIfNothingValid) there
	// is nothing to check
	const keyed = SCHEMA[table].key.length > 0 && total - bad > 0;
	const ascending: Promise<boolean | { error: unknown }> = keyed
		? keysAscend(side ?? conn, table, stage).catch((error: unknown) => ({ error }))
		: Promise.resolve(true);
	if (!side) await ascending; // a connection runs one statement at a time
	onProgress?.({ table, phase: 'validating', fraction: 1 });
	const counts = { total, bad, structural };
	let finished: Promise<StagedTable> | null = null;
	return {
		source: src,
		rows_read: total + structural,
		valid: total - bad,
		finish: () => (finished ??= finishStage(conn, src, opts, counts, line, ascending)),
		settled: ascending
	};
}

/** The rest of stageFile once the key check is in: duplicates if the keys did not ascend, the rejects. */
async function finishStage(
	conn: DuckDBConnection,
	src: PreparedSource,
	opts: SourceOptions,
	{ total, bad, structural }: { total: number; bad: number; structural: number },
	line: string,
	ascending: Promise<boolean | { error: unknown }>
): Promise<StagedTable> {
	const table = src.table;
	const stage = stageName(table);
	const q = quoteIdent(stage);
	const dupTable = `ingest_dups_${table}`;
	const asc = await ascending;
	if (typeof asc !== 'boolean') throw asc.error;

	let duplicates = 0;
	if (!asc) {
		const hashes = `ingest_dup_hashes_${table}`;
		await conn.run(duplicateHashesSql(table, stage, hashes));
		if (await count(conn, `SELECT count(*) FROM ${quoteIdent(hashes)}`)) {
			await conn.run(duplicatesSql(table, stage, hashes, dupTable));
			duplicates = await count(conn, `SELECT count(*) FROM ${quoteIdent(dupTable)}`);
		}
	}

	const parts = [rejectRowsSql(table, stage, line, opts)];
	if (duplicates) {
		parts.push(
			`SELECT ${line} AS line, ${sqlString(SCHEMA[table].key.join(', '))} AS column_name, d."__key" AS value, ` +
				`${sqlString(duplicateRule(table))} AS rule FROM ${quoteIdent(dupTable)} d JOIN ${q} s ON s.rowid = d."__rowid"`
		);
	}
	if (structural && src.prerejected) {
		parts.push(`SELECT line, NULL AS column_name, value, rule FROM ${quoteIdent(`ingest_prerejects_${table}`)}`);
	} else if (structural && src.lines.kind === 'csv') {
		parts.push(
			// a short row gets one error per missing column; the first one says how many fields it had
			`SELECT line, NULL AS column_name, any_value(csv_line) AS value, ` +
				`'malformed row: ' || arg_min(error_message, column_idx) AS rule ` +
				`FROM ${quoteIdent(src.lines.rejectsTable)} GROUP BY line`
		);
	}
	const rejectsUnordered = parts.map((p) => `(${p})`).join(' UNION ALL ');
	const rejectsSql = `SELECT * FROM (${rejectsUnordered}) ORDER BY line, column_name`;

	return {
		source: src,
		rows_read: total + structural,
		rows_loaded: total - bad - duplicates,
		rows_rejected: bad + duplicates + structural,
		stage,
		helpers: helperColumns(table, src.plan),
		dropRows: await rowsToDrop(conn, table, stage, bad, duplicates ? dupTable : null),
		rejectsSql,
		rejectsUnordered
	};
}

/**
 * Switches for the specs: with `fastPaths` off, every shortcut that only exists for speed is skipped and
 * its general path taken, so a spec can check that both give the same tables and rejects.
 */
export const ingestTuning = { fastPaths: true };

/** Whether the valid rows' keys strictly ascend in file order, which makes them unique (see keysNotAscendingSql). */
async function keysAscend(conn: DuckDBConnection, table: TableName, stage: string): Promise<boolean> {
	if (!ingestTuning.fastPaths) return false;
	return (await conn.runAndReadAll(keysNotAscendingSql(table, stage))).currentRowCount === 0;
}

/** Rowids of the stage rows that must not reach the table, gathered while "__bad" still exists. */
async function rowsToDrop(
	conn: DuckDBConnection,
	table: TableName,
	stage: string,
	bad: number,
	duplicates: string | null
): Promise<string | null> {
	if (!bad && !duplicates) return null;
	const target = `ingest_drop_${table}`;
	const parts = [`SELECT rowid AS r FROM ${quoteIdent(stage)} WHERE "__bad"`];
	if (duplicates) parts.push(`SELECT "__rowid" FROM ${quoteIdent(duplicates)}`);
	await conn.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(target)} AS ${parts.join(' UNION ALL ')}`);
	return target;
}

/**
 * A file most of whose rows are rejected is the wrong file, or read with the wrong format: loading the
 * rest would quietly replace good data with a remnant (and a crafted file of a billion repeated keys
 * would be "loaded" as one row). It is refused as a whole, saying why: when no row survives, and when
 * more than MAX_REJECTED_SHARE of the rows (at least MIN_REJECTS_TO_REFUSE of them) are rejected.
 */
export async function refuseIfMostlyRejected(conn: DuckDBConnection, s: StagedTable): Promise<void> {
	if (s.rows_read === 0) return;
	const none = s.rows_loaded === 0;
	if (!none && !(s.rows_rejected >= MIN_REJECTS_TO_REFUSE && s.rows_rejected > s.rows_read * MAX_REJECTED_SHARE)) return;
	const top = await conn.runAndReadAll(
		`SELECT rule, count(*) AS n, min(line) AS first FROM (${s.rejectsUnordered}) GROUP BY rule ORDER BY n DESC, rule LIMIT 3`
	);
	const reasons = top
		.getRowObjectsJson()
		.map((r) => `"${r.rule}" ×${r.n} (first at line ${r.first})`)
		.join(', ');
	const what = none
		? `no valid rows: all ${s.rows_read} rows were rejected`
		: `${s.rows_rejected.toLocaleString('en-US')} of its ${s.rows_read.toLocaleString('en-US')} rows were rejected (more than ${MAX_REJECTED_SHARE * 100}%), so it is refused as a whole`;
	throw new RefusedFile(`${what} (${reasons}); check the date format, decimal comma or column mapping`);
}
