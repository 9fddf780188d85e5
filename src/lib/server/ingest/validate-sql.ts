/**
 * Set-based validation: every type cast and rule of DESIGN §2 as SQL expressions over the all-text
 * source, so DuckDB checks 10M rows in parallel instead of JS checking them one at a time. The same
 * expressions produce the typed values, the per-row "bad" flag and, for the rejected rows only, the
 * rule text of each broken rule — one definition, so the flag and the reported reason cannot disagree.
 *
 * Identifiers come from SCHEMA (a whitelist) or through quoteIdent; constants from SCHEMA through
 * sqlString. No cell value is ever part of the SQL text.
 */
import { SCHEMA, type ColumnSpec, type TableName } from '../../schema';
import { quoteIdent, sqlString } from './sql-text';
import type { SourceOptions } from './types';

export const raw = (col: string) => quoteIdent(`__raw__${col}`);
const val = (col: string) => quoteIdent(`__v__${col}`);
const typed = (col: string) => quoteIdent(col);

const TZ_SUFFIX = sqlString('\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\s*(Z|[+-]\\d\\d(:?\\d\\d)?)$');
// two-digit-year forms first: '%d/%m/%Y' would read "02/01/24" as the year 24
const DMY = ['%d/%m/%y', '%d/%m/%Y', '%d.%m.%y', '%d.%m.%Y', '%d-%m-%y', '%d-%m-%Y'];
const MDY = ['%m/%d/%y', '%m/%d/%Y', '%m-%d-%y', '%m-%d-%Y'];
const TIMES = ['', ' %H:%M', ' %H:%M:%S'];

/** A present cell: trimmed of blanks (ERP padding, a stray CR), and empty counts as absent. */
const valueExpr = (rawCol: string) => `nullif(trim(${rawCol}, ${sqlString(' \t\r\n')}), '')`;

const list = (xs: readonly string[]) => `[${xs.map(sqlString).join(', ')}]`;

function literal(v: string | number | boolean): string {
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	if (typeof v === 'number') {
		if (!Number.isFinite(v)) throw new Error(`non-finite default ${v}`);
		return `${v}`;
	}
	return sqlString(v);
}

/** Day-first / month-first formats declared for the source (ISO and YYYYMMDD need no declaration). */
function declaredFormats(opts: SourceOptions, withTime: boolean): string[] {
	const days = opts.dateFormat === 'dmy' ? DMY : opts.dateFormat === 'mdy' ? MDY : [];
	return withTime ? days.flatMap((d) => TIMES.map((t) => d + t)) : days;
}

/** The typed value of a present cell `v` (NULL when it does not parse). */
function castExpr(c: ColumnSpec, v: string, opts: SourceOptions): string {
	const num = opts.decimalComma ? `replace(replace(${v}, '.', ''), ',', '.')` : v;
	switch (c.type) {
		case 'text':
			return c.enum ? `lower(${v})` : v;
		case 'integer':
			// TRY_CAST('1.5' AS INTEGER) rounds to 2; comparing with the DOUBLE reading refuses fractions
			return `CASE WHEN TRY_CAST(${num} AS DOUBLE) = TRY_CAST(${num} AS INTEGER) THEN TRY_CAST(${num} AS INTEGER) END`;
		case 'decimal':
			return `CASE WHEN isfinite(TRY_CAST(${num} AS DOUBLE)) THEN TRY_CAST(${num} AS DOUBLE) END`;
		case 'date': {
			const alts = [
				`CASE WHEN isfinite(TRY_CAST(${v} AS DATE)) THEN TRY_CAST(${v} AS DATE) END`,
				// strptime alone would take 7 digits ("2024123") as a date
				`CASE WHEN length(${v}) = 8 THEN CAST(TRY_STRPTIME(${v}, '%Y%m%d') AS DATE) END`
			];
			const declared = declaredFormats(opts, false);
			if (declared.length) alts.push(`CAST(TRY_STRPTIME(${v}, ${list(declared)}) AS DATE)`);
			return `coalesce(${alts.join(', ')})`;
		}
		case 'timestamp': {
			const alts = [
				`CASE WHEN isfinite(TRY_CAST(${v} AS TIMESTAMP)) THEN TRY_CAST(${v} AS TIMESTAMP) END`,
				`CASE WHEN length(${v}) = 8 THEN TRY_STRPTIME(${v}, '%Y%m%d') END`
			];
			const declared = declaredFormats(opts, true);
			if (declared.length) alts.push(`TRY_STRPTIME(${v}, ${list(declared)})`);
			// a plain TIMESTAMP cast drops an explicit offset; read those as instants and store them in UTC
			return (
				`CASE WHEN regexp_matches(${v}, ${TZ_SUFFIX}) ` +
				`THEN CAST(TRY_CAST(${v} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP) ` +
				`ELSE coalesce(${alts.join(', ')}) END`
			);
		}
		case 'boolean':
			return (
				`CASE WHEN lower(${v}) IN ('true', 't', 'yes', 'y', '1') THEN true ` +
				`WHEN lower(${v}) IN ('false', 'f', 'no', 'n', '0') THEN false END`
			);
	}
}

/** Typed value including the default for an empty optional cell (an invalid cell stays NULL). */
function typedExpr(c: ColumnSpec, opts: SourceOptions): string {
	const v = val(c.name);
	const cast = castExpr(c, v, opts);
	return c.default === undefined ? cast : `CASE WHEN ${v} IS NULL THEN ${literal(c.default)} ELSE ${cast} END`;
}

const NOT_A: Record<ColumnSpec['type'], string> = {
	text: 'not text',
	integer: 'not an integer',
	decimal: 'not a number',
	date: 'not a date',
	timestamp: 'not a timestamp',
	boolean: 'not a boolean'
};

/** Rule texts a column can break, in the order they are checked (users see these verbatim). */
export function ruleTexts(c: ColumnSpec) {
	return {
		required: 'required',
		type: NOT_A[c.type],
		enum: c.enum ? `${c.name} must be one of ${c.enum.join(', ')}` : null,
		gt: c.gt !== undefined ? `${c.name} must be > ${c.gt}` : null,
		min: c.min !== undefined ? `${c.name} must be >= ${c.min}` : null,
		max: c.max !== undefined ? `${c.name} must be <= ${c.max}` : null,
		lte: c.lteColumn ? `${c.name} must be <= ${c.lteColumn}` : null
	};
}

export const duplicateRule = (table: TableName) => `duplicate key (${SCHEMA[table].key.join(', ')})`;

/**
 * The first rule the cell breaks, as text, or NULL. One rule per column: a value that is not a
 * number has no meaningful range to check.
 */
function violationExpr(c: ColumnSpec): string {
	const v = val(c.name);
	const x = typed(c.name);
	const r = ruleTexts(c);
	const whens: string[] = [];
	if (c.required) whens.push(`WHEN ${v} IS NULL THEN ${sqlString(r.required)}`);
	if (c.type !== 'text') whens.push(`WHEN ${v} IS NOT NULL AND ${x} IS NULL THEN ${sqlString(r.type)}`);
	if (c.enum) whens.push(`WHEN ${x} NOT IN (${c.enum.map(sqlString).join(', ')}) THEN ${sqlString(r.enum!)}`);
	if (r.gt) whens.push(`WHEN ${x} <= ${literal(c.gt!)} THEN ${sqlString(r.gt)}`);
	if (r.min) whens.push(`WHEN ${x} < ${literal(c.min!)} THEN ${sqlString(r.min)}`);
	if (r.max) whens.push(`WHEN ${x} > ${literal(c.max!)} THEN ${sqlString(r.max)}`);
	if (r.lte) whens.push(`WHEN ${x} > ${typed(c.lteColumn!)} THEN ${sqlString(r.lte)}`);
	return whens.length ? `CASE ${whens.join(' ')} END` : 'NULL';
}

/** Columns that can break a rule at all (free optional text cannot). */
const checked = (table: TableName) => SCHEMA[table].columns.filter((c) => violationExpr(c) !== 'NULL');

export interface StagePlan {
	/** SQL expression for each canonical column in the source (a quoted header), or null if absent */
	sources: Record<string, string | null>;
	/** SQL expression of the source's own line number (XLSX sheet row), when it carries one */
	lineExpr: string | null;
}

/**
 * One statement that reads the source and stores, per row, the typed canonical columns, a `__bad` flag,
 * and — only for bad rows, so the cost is near zero when the data is clean — the raw cells and the
 * source line. The stage's rowid is the record's position in the file (insertion order is preserved).
 */
export function stageSql(table: TableName, stage: string, from: string, plan: StagePlan, opts: SourceOptions): string {
	const cols = SCHEMA[table].columns;
	const l0 = [
		...cols.map((c) => `CAST(${plan.sources[c.name] ?? 'NULL'} AS VARCHAR) AS ${raw(c.name)}`),
		...(plan.lineExpr ? [`CAST(${plan.lineExpr} AS BIGINT) AS "__line"`] : [])
	];
	const bad = checked(table).map((c) => `${violationExpr(c)} IS NOT NULL`);
	const out = [
		...cols.map((c) => typed(c.name)),
		'"__bad"',
		...cols.map((c) => `CASE WHEN "__bad" THEN ${raw(c.name)} END AS ${raw(c.name)}`),
		// kept for every row (XLSX only, ≤ 1M rows): duplicate-key rejects are not "bad" yet at this point
		...(plan.lineExpr ? ['"__line"'] : [])
	];
	return [
		`CREATE OR REPLACE TEMP TABLE ${quoteIdent(stage)} AS`,
		`SELECT ${out.join(', ')} FROM (`,
		`SELECT *, ${bad.length ? bad.join(' OR ') : 'false'} AS "__bad" FROM (`,
		`SELECT *, ${cols.map((c) => `${typedExpr(c, opts)} AS ${typed(c.name)}`).join(', ')} FROM (`,
		`SELECT *, ${cols.map((c) => `${valueExpr(raw(c.name))} AS ${val(c.name)}`).join(', ')} FROM (`,
		`SELECT ${l0.join(', ')} FROM ${from}`,
		`))))`
	].join('\n');
}



/**
 * The reject rows (line, column_name, value, rule) of the stage's bad rows: one per broken rule.
 * `line` is an expression over "__rowid" (the record's position) and "__line" (a source line, if any).
 */
export function rejectRowsSql(table: TableName, stage: string, line: string): string {
	const cols = checked(table);
	const items = cols.map(
		(c) => `{'column_name': ${sqlString(c.name)}, 'value': ${raw(c.name)}, 'rule': ${violationExpr(c)}}`
	);
	const all = SCHEMA[table].columns;
	return [
		`SELECT ${line} AS line, r.column_name, r.value, r.rule FROM (`,
		`SELECT *, unnest([${items.join(', ')}]) AS r FROM (`,
		`SELECT *, ${all.map((c) => `${valueExpr(raw(c.name))} AS ${val(c.name)}`).join(', ')} FROM (`,
		`SELECT rowid AS "__rowid", * FROM ${quoteIdent(stage)} WHERE "__bad"`,
		`))) WHERE r.rule IS NOT NULL ORDER BY line, r.column_name`
	].join('\n');
}

/**
 * Rows repeating the key of an earlier valid row (the first occurrence is kept). Only valid rows
 * compete: a row rejected for another reason does not make a later good row a duplicate.
 */
export function duplicatesSql(table: TableName, stage: string, target: string): string {
	const key = SCHEMA[table].key.map(typed);
	const on = key.map((k) => `s.${k} = d.${k}`).join(' AND ');
	return [
		`CREATE OR REPLACE TEMP TABLE ${quoteIdent(target)} AS`,
		`SELECT "__rowid", "__key" FROM (`,
		`SELECT s.rowid AS "__rowid", concat_ws(', ', ${key.map((k) => `CAST(s.${k} AS VARCHAR)`).join(', ')}) AS "__key",`,
		`row_number() OVER (PARTITION BY ${key.map((k) => `s.${k}`).join(', ')} ORDER BY s.rowid) AS n`,
		`FROM ${quoteIdent(stage)} s SEMI JOIN (`,
		`SELECT ${key.join(', ')} FROM ${quoteIdent(stage)} WHERE NOT "__bad" GROUP BY ALL HAVING count(*) > 1`,
		`) d ON ${on} WHERE NOT s."__bad") WHERE n > 1`
	].join('\n');
}

/** The valid rows of the stage in canonical column order, minus the duplicates if there are any. */
export function validRowsSql(table: TableName, stage: string, duplicates: string | null): string {
	const cols = SCHEMA[table].columns.map((c) => `s.${typed(c.name)}`).join(', ');
	const anti = duplicates ? ` ANTI JOIN ${quoteIdent(duplicates)} d ON s.rowid = d."__rowid"` : '';
	return `SELECT ${cols} FROM ${quoteIdent(stage)} s${anti} WHERE NOT s."__bad"`;
}
