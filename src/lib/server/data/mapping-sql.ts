/**
 * The SQL a column mapping runs in its scratch database (see mapping-build.ts): the source tables hold
 * every cell as text plus "__ledger_line", the row's line in the file. Every identifier goes through
 * quoteIdent and every constant through sqlString; no user text is spliced in any other way. Dates are
 * not converted here (the ingest reads them), except where a date is computed — date + days — and
 * that reads it with the ingest's own parser (dateCastSql) in the format declared or detected.
 */
import type { DateFamily } from '$lib/data/date-formats';
import { ADDITIVE, type Condition, type Expr, type KeyMode, type Operand, type SourceRef, type TableMapping } from '$lib/data/mapping';
import { SCHEMA } from '$lib/schema';
import { dateCastSql } from '../ingest/date-sql';
import { quoteIdent, sqlString } from '../ingest/sql-text';
import { decimalCommaSql } from '../ingest/validate-sql';
import { MAPPED_COLUMNS } from '../ingest/types';

export const LINE = quoteIdent(MAPPED_COLUMNS.line);
const KEEP = quoteIdent('__ledger_keep');

export interface SqlContext {
	/** the family a date + days expression reads its source column as */
	familyOf: (e: Extract<Expr, { kind: 'addDays' }>) => DateFamily;
	/** values read as empty (the null_tokens assumption), lower-case */
	nullTokens: readonly string[];
}

export function ref(s: SourceRef): string {
	return `${s.from === 'lookup' ? 'l' : 'm'}.${quoteIdent(s.column)}`;
}

const present = (x: string) => `nullif(trim(${x}), '')`;
const number = (x: string, comma: boolean) => `TRY_CAST(${comma ? decimalCommaSql(`trim(${x})`) : `trim(${x})`} AS DOUBLE)`;
const operand = (o: Operand | undefined) => (!o ? 'NULL' : Object.hasOwn(o, 'source') ? ref((o as { source: SourceRef }).source) : sqlString((o as { value: string }).value));

/** A condition over the source row: text trimmed and compared case-insensitively; never NULL. */
export function conditionSql(c: Condition, ctx: SqlContext): string {
	const v = `trim(${ref(c.source)})`;
	const lit = (s: string | undefined) => `lower(${sqlString(s ?? '')})`;
	const empty = `(${v} IS NULL OR ${v} = ''${ctx.nullTokens.length ? ` OR list_contains([${ctx.nullTokens.map(sqlString).join(', ')}], lower(${v}))` : ''})`;
	switch (c.op) {
		case 'eq':
			return `coalesce(lower(${v}) = ${lit(c.value)}, false)`;
		case 'ne':
			return `coalesce(lower(${v}) <> ${lit(c.value)}, true)`;
		case 'in':
			return `coalesce(list_contains([${(c.values ?? []).map((x) => lit(x.trim())).join(', ')}], lower(${v})), false)`;
		case 'contains':
			return `coalesce(contains(lower(${v}), ${lit(c.value)}), false)`;
		case 'empty':
			return `coalesce(${empty}, true)`;
		case 'filled':
			return `NOT coalesce(${empty}, true)`;
		case 'gt':
		case 'lt':
			return `coalesce(TRY_CAST(${v} AS DOUBLE) ${c.op === 'gt' ? '>' : '<'} CAST(${sqlString((c.value ?? '').trim())} AS DOUBLE), false)`;
	}
}

/**
 * The text a canonical cell gets. `orderId` is the SQL of the table's order_id (for generated line
 * numbers, numbered per order in file order over every row, so two tables built from one export agree).
 */
export function exprSql(e: Expr, ctx: SqlContext, orderId = 'NULL'): string {
	switch (e.kind) {
		case 'column':
			// as written: the ingest trims, reads its dates and numbers (declared formats go with the file)
			return ref(e.source);
		case 'constant':
			return sqlString(e.value);
		case 'join':
			return `concat_ws(${sqlString(e.separator)}, ${ref(e.sources[0])}, ${ref(e.sources[1])})`;
		case 'divide':
			// a value that is not a number, or a zero divisor, gives an empty cell (rejected when required)
			return `CAST(round(${number(ref(e.numerator), !!e.decimalComma)} / nullif(${number(ref(e.denominator), !!e.decimalComma)}, 0), 6) AS VARCHAR)`;
		case 'map': {
			const v = ref(e.source);
			const whens = Object.entries(e.values).map(([from, to]) => `WHEN lower(${sqlString(from.trim())}) THEN ${sqlString(to)}`);
			const otherwise = e.otherwise !== undefined ? sqlString(e.otherwise) : v;
			return whens.length ? `CASE lower(trim(${v})) ${whens.join(' ')} ELSE ${otherwise} END` : otherwise;
		}
		case 'addDays': {
			const d = `trim(${ref(e.source)})`;
			const n = `trim(${operand(e.days)})`;
			const date = dateCastSql(d, ctx.familyOf(e));
			// a date or a day count that does not read passes on as written, so the ingest rejects the row
			// showing it ("8/32/14 + 3 days: not a date") instead of leaving the column quietly empty
			return (
				`CASE WHEN ${present(d)} IS NULL OR ${present(n)} IS NULL THEN NULL ` +
				`ELSE coalesce(strftime(${date} + CAST(round(TRY_CAST(${n} AS DOUBLE)) AS INTEGER), '%Y-%m-%d'), concat(${d}, ' + ', ${n}, ' days')) END`
			);
		}
		case 'if':
			return `CASE WHEN ${conditionSql(e.when, ctx)} THEN ${operand(e.then)} ELSE ${operand(e.else)} END`;
		case 'lineNumber':
			return `CAST(row_number() OVER (PARTITION BY ${orderId} ORDER BY m.${LINE}) AS VARCHAR)`;
	}
}

/** The sources of a table mapping's rows: the main file (m), and the joined file's first row per key (l). */
function fromSql(m: TableMapping, tables: { main: string; lookup?: string }): string {
	let from = `${quoteIdent(tables.main)} m`;
	if (m.lookup && tables.lookup) {
		const key = quoteIdent(m.lookup.key);
		from +=
			` LEFT JOIN (SELECT * FROM ${quoteIdent(tables.lookup)} QUALIFY row_number() OVER (PARTITION BY trim(${key}) ORDER BY ${LINE}) = 1) l` +
			` ON trim(m.${quoteIdent(m.lookup.on)}) = trim(l.${key})`;
	}
	return from;
}

/**
 * One row per source row: every canonical column as text, the source line, and whether the mapping's
 * row condition keeps it (KEEP). Unmapped columns are NULL (optional ones take their default).
 */
export function rowsSql(m: TableMapping, tables: { main: string; lookup?: string }, ctx: SqlContext): string {
	const columns = m.columns;
	const orderId = Object.hasOwn(columns, 'order_id') && columns.order_id.kind !== 'lineNumber' ? exprSql(columns.order_id, ctx) : 'NULL';
	const cols = SCHEMA[m.table].columns.map((c) => {
		const e = Object.hasOwn(columns, c.name) ? columns[c.name] : undefined;
		return `${e ? exprSql(e, ctx, orderId) : 'NULL::VARCHAR'} AS ${quoteIdent(c.name)}`;
	});
	const keep = m.where ? conditionSql(m.where, ctx) : 'true';
	return `SELECT ${cols.join(', ')}, m.${LINE} AS ${LINE}, ${keep} AS ${KEEP} FROM ${fromSql(m, tables)}`;
}

/** The rows a mapping keeps (rowsSql's), read from where they were stored. */
export const keptSql = (rows: string) => `SELECT * EXCLUDE (${KEEP}) FROM ${quoteIdent(rows)} WHERE ${KEEP}`;
export const droppedCountSql = (rows: string) => `SELECT count(*) FILTER (WHERE NOT ${KEEP}) FROM ${quoteIdent(rows)}`;

const keyCols = (m: TableMapping) => SCHEMA[m.table].key.map(quoteIdent);
const keyPresent = (m: TableMapping) => keyCols(m).map((k) => `${present(k)} IS NOT NULL`).join(' AND ');

/** Whether a column is added up per key ('sum' of an additive column). */
export const summed = (m: TableMapping, column: string, mode: KeyMode = m.keys ?? 'reject') => mode === 'sum' && (ADDITIVE[m.table] ?? []).includes(column);

/**
 * The rows to write, with repeated keys folded: 'first' keeps each column's first non-empty value
 * (file order) per key, 'sum' adds up the table's quantities per key (a value that is not a number
 * passes on, so the ingest rejects it) and keeps the first of the rest. A row with an empty key part
 * is never folded: it goes on, for the ingest to reject as incomplete. `comma` says which summed
 * columns are written with a decimal comma.
 */
export function foldedSql(m: TableMapping, kept: string, comma: (column: string) => boolean): string {
	const mode = m.keys ?? 'reject';
	if (mode === 'reject' || SCHEMA[m.table].key.length === 0) return kept;
	const keys = new Set(SCHEMA[m.table].key);
	const first = (x: string) => `first(${x} ORDER BY ${LINE}) FILTER (WHERE ${present(x)} IS NOT NULL)`;
	const cols = SCHEMA[m.table].columns.map((c) => {
		const x = quoteIdent(c.name);
		if (keys.has(c.name)) return `first(${x} ORDER BY ${LINE}) AS ${x}`;
		if (!summed(m, c.name, mode)) return `${first(x)} AS ${x}`;
		const bad = `${present(x)} IS NOT NULL AND ${number(x, comma(c.name))} IS NULL`;
		return (
			`CASE WHEN count(*) FILTER (WHERE ${bad}) > 0 THEN first(${x} ORDER BY ${LINE}) FILTER (WHERE ${bad}) ` +
			`WHEN count(${present(x)}) = 0 THEN NULL ELSE CAST(sum(${number(x, comma(c.name))}) AS VARCHAR) END AS ${x}`
		);
	});
	const names = SCHEMA[m.table].columns.map((c) => quoteIdent(c.name));
	return (
		`SELECT ${cols.join(', ')}, min(${LINE}) AS ${LINE} FROM (${kept}) WHERE ${keyPresent(m)} GROUP BY ${keyCols(m).map((k) => `trim(${k})`).join(', ')} ` +
		`UNION ALL SELECT ${names.join(', ')}, ${LINE} FROM (${kept}) WHERE NOT (${keyPresent(m)})`
	);
}

/**
 * For the notes of a folded table: keys seen more than once and the rows folded into them; per other
 * column, how many of those keys had two different values, with one example ("C-17: Acme / ACME Inc").
 */
export function foldConflictsSql(m: TableMapping, kept: string): { sql: string; columns: string[] } {
	const keys = SCHEMA[m.table].key;
	const others = SCHEMA[m.table].columns.map((c) => c.name).filter((c) => !keys.includes(c) && !summed(m, c) && Object.hasOwn(m.columns, c));
	const keyText = `concat_ws(', ', ${keys.map((k) => `trim(${quoteIdent(k)})`).join(', ')})`;
	const per = others.flatMap((c, i) => {
		const x = present(quoteIdent(c));
		return [`count(DISTINCT ${x}) AS "d${i}"`, `min(${x}) AS "lo${i}"`, `max(${x}) AS "hi${i}"`];
	});
	const outer = others.flatMap((_, i) => [
		`count(*) FILTER (WHERE "d${i}" > 1) AS "n${i}"`,
		`first("k" || ': ' || "lo${i}" || ' / ' || "hi${i}" ORDER BY "line") FILTER (WHERE "d${i}" > 1) AS "eg${i}"`
	]);
	const sql =
		`SELECT count(*) AS keys, coalesce(sum("rows") - count(*), 0) AS folded${outer.length ? `, ${outer.join(', ')}` : ''} FROM (` +
		`SELECT ${keyText} AS "k", count(*) AS "rows", min(${LINE}) AS "line"${per.length ? `, ${per.join(', ')}` : ''} ` +
		`FROM (${kept}) WHERE ${keyPresent(m)} GROUP BY ${keys.map((k) => `trim(${quoteIdent(k)})`).join(', ')} HAVING count(*) > 1)`;
	return { sql, columns: others };
}

/** The canonical file's SELECT: the folded rows and the source rows that could not be read, in line order. */
export function canonicalSql(m: TableMapping, folded: string, ragged: string | null): string {
	const names = SCHEMA[m.table].columns.map((c) => quoteIdent(c.name));
	const reject = quoteIdent(MAPPED_COLUMNS.reject);
	const raw = quoteIdent(MAPPED_COLUMNS.raw);
	const good = `SELECT ${names.join(', ')}, ${LINE}, NULL::VARCHAR AS ${reject}, NULL::VARCHAR AS ${raw} FROM (${folded})`;
	const bad = ragged ? ` UNION ALL SELECT ${names.map((n) => `NULL::VARCHAR AS ${n}`).join(', ')}, line AS ${LINE}, rule AS ${reject}, raw AS ${raw} FROM ${quoteIdent(ragged)}` : '';
	return `SELECT * FROM (${good}${bad}) ORDER BY ${LINE}`;
}
