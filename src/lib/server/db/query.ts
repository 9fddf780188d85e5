import { JsonDuckDBValueConverter, type DuckDBConnection, type DuckDBValue, type Json } from '@duckdb/node-api';
import { slicer } from '../slices';
import { ensureDerived, readsDerived } from './derived';
import { DatabaseLockedError, getInstance, withConnection } from './instance';
import { readSql, sqlParams } from './sql-files';

export type Param = string | number | boolean | null;
export type Params = Record<string, Param | undefined>;

export type QueryErrorKind = 'unknown_query' | 'locked' | 'database';
export interface QueryError {
	kind: QueryErrorKind;
	query: string;
	message: string;
}
export type QueryResult<T> = { ok: true; rows: T[]; ms: number } | { ok: false; error: QueryError };

/** Read paths may only read: a query file must start with one of these keywords. */
const READ_ONLY = /^\s*(with|select|from|pivot|unpivot|summarize|describe|values)\b/i;
const stripComments = (s: string) => s.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');

/** Binds only the $names the statement uses, so callers may pass a shared filter object. */
export function bindFor(sql: string, params: Params): Record<string, DuckDBValue> {
	const out: Record<string, DuckDBValue> = {};
	for (const name of sqlParams(sql)) {
		const v = params[name];
		out[name] = v === undefined ? null : v;
	}
	return out;
}

/** queries/<name>.sql, if it exists and only reads; else the typed error. */
function readOnlySql(name: string): { ok: true; sql: string } | { ok: false; error: QueryError } {
	let sql: string;
	try {
		sql = readSql(name);
	} catch (e) {
		return { ok: false, error: { kind: 'unknown_query', query: name, message: errorText(e) } };
	}
	if (!READ_ONLY.test(stripComments(sql))) {
		return { ok: false, error: { kind: 'unknown_query', query: name, message: `${name} is not a read-only query` } };
	}
	return { ok: true, sql };
}

/** Runs a statement on a pooled connection (after the derived tables it reads are current) and reads its result with `read`. */
async function execute<R>(label: string, sql: string, params: Params, read: (table: ResultTable) => R): Promise<{ ok: true; value: R; ms: number } | { ok: false; error: QueryError }> {
	const t0 = performance.now();
	try {
		const derived = readsDerived(sql);
		const table = await withConnection(async (c) => {
			if (derived) await ensureDerived(await getInstance(), c);
			return readTable(c, sql, bindFor(sql, params));
		});
		return { ok: true, value: read(table), ms: performance.now() - t0 };
	} catch (e) {
		const kind: QueryErrorKind = e instanceof DatabaseLockedError ? 'locked' : 'database';
		return { ok: false, error: { kind, query: label, message: errorText(e) } };
	}
}

/** A result as JSON-safe columns: the values DuckDB's reader gives (getRowObjectsJson, getColumnsObjectJson). */
interface ResultTable {
	names: string[];
	columns: Json[][];
	length: number;
}

/**
 * Converts the result chunk by chunk (2,048 rows each), giving the event loop a turn once a slice is spent
 * (src/lib/server/slices.ts): the reader's own conversion of a result of a million rows with text
 * columns ran 0.8–1.6 s at a stretch, and every other request waited behind it.
 */
async function readTable(c: DuckDBConnection, sql: string, values: Record<string, DuckDBValue>): Promise<ResultTable> {
	const result = await c.run(sql, values);
	const names = result.deduplicatedColumnNames();
	const columns = names.map((): Json[] => []);
	let length = 0;
	const turn = slicer();
	for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
		for (let ci = 0; ci < columns.length; ci++) {
			const out = columns[ci];
			chunk.visitColumnValues(ci, (v, _row, _col, type) => {
				out.push(JsonDuckDBValueConverter(v, type, JsonDuckDBValueConverter));
			});
		}
		length += chunk.rowCount;
		await turn();
	}
	return { names, columns, length };
}

function rowObjects<T>({ names, columns, length }: ResultTable): T[] {
	const out: T[] = new Array(length);
	for (let i = 0; i < length; i++) {
		const row: Record<string, Json> = {};
		for (let ci = 0; ci < names.length; ci++) row[names[ci]] = columns[ci][i];
		out[i] = row as T;
	}
	return out;
}

/**
 * Runs queries/<name>.sql with bound parameters and returns JSON-safe rows (BIGINT and DECIMAL as
 * strings, DOUBLE as numbers) or a typed error. Never throws: routes turn errors into messages.
 */
export async function runQuery<T = Record<string, unknown>>(name: string, params: Params = {}): Promise<QueryResult<T>> {
	const q = readOnlySql(name);
	return q.ok ? runSql<T>(name, q.sql, params) : q;
}

/** The same contract for SQL the server composed from whitelisted pieces (e.g. a breakdown dimension). */
export async function runSql<T = Record<string, unknown>>(label: string, sql: string, params: Params = {}): Promise<QueryResult<T>> {
	const r = await execute(label, sql, params, (t) => rowObjects<T>(t));
	return r.ok ? { ok: true, rows: r.value, ms: r.ms } : r;
}

export interface Columns<T> {
	columns: { [K in keyof T]: T[K][] };
	length: number;
}

/**
 * The same contract with the result as columns (name → values), for results of hundreds of thousands of
 * rows: one array per column costs a fraction of the row objects DuckDB's reader builds.
 */
export async function runQueryColumns<T extends Record<string, unknown>>(name: string, params: Params = {}): Promise<({ ok: true; ms: number } & Columns<T>) | { ok: false; error: QueryError }> {
	const q = readOnlySql(name);
	if (!q.ok) return q;
	const r = await execute(name, q.sql, params, (t): Columns<T> => ({ columns: Object.fromEntries(t.names.map((n, i) => [n, t.columns[i]])) as Columns<T>['columns'], length: t.length }));
	return r.ok ? { ok: true, ms: r.ms, ...r.value } : r;
}

/** Columns as plain row objects, built in JS (several times faster than the reader's row objects at 10⁵–10⁶ rows). */
export function columnRows<T>({ columns, length }: Columns<T>): T[] {
	const keys = Object.keys(columns) as (keyof T)[];
	const out: T[] = new Array(length);
	for (let i = 0; i < length; i++) {
		const row = {} as T;
		for (const k of keys) row[k] = columns[k][i];
		out[i] = row;
	}
	return out;
}

/** For scripts and tests, where an error should stop the run. */
export async function queryRows<T = Record<string, unknown>>(name: string, params: Params = {}): Promise<T[]> {
	const r = await runQuery<T>(name, params);
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	return r.rows;
}

function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
