/**
 * Set-based validation: every type cast and rule of DESIGN §2 as SQL expressions over the all-text
 * source, so DuckDB checks 10M rows in parallel instead of JS checking them one at a time.
 *
 * Two layers, for speed: on every row, one cast per cell and a cheap flag built from NULL tests and
 * comparisons (fastBadExpr); then, on the flagged rows only, the precise rules (conditions), which give
 * each reject its rule text and clear the few false alarms. Both read the same typed values, so a row
 * the precise rules pass is loaded exactly as it was cast.
 *
 * Identifiers come from SCHEMA (a whitelist) or through quoteIdent; constants from SCHEMA through
 * sqlString. No cell value is ever part of the SQL text.
 */
import { DUCKDB_TYPE, SCHEMA, type ColumnSpec, type TableName } from '../../schema';
import { dateCastSql, declaredFamily, implausibleRule, implausibleSql, timestampCastSql } from './date-sql';
import { quoteIdent, sqlString } from './sql-text';
import type { SourceOptions } from './types';

export const raw = (col: string) => quoteIdent(`__raw__${col}`);
const val = (col: string) => quoteIdent(`__v__${col}`);
const typed = (col: string) => quoteIdent(col);
const empty = (col: string) => quoteIdent(`__e__${col}`);

/** The largest finite DOUBLE; +inf and NaN are above it in DuckDB's order. */
const DOUBLE_MAX = '1.7976931348623157e308';
const TZ_SUFFIX = sqlString('\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\s*(Z|[+-]\\d\\d(:?\\d\\d)?)$');

/** Blanks a cell may carry around its value (ERP padding, a stray CR before a line break). */
const BLANKS = sqlString(' \t\r\n');
const BLANK_AT_END = [' ', '\t', '\r'].map((ch) => sqlString(ch));

/*
 * Cost matters here: these expressions run on every cell of a 10M-line load. trim() copies the string,
 * and DuckDB evaluates both sides of AND/OR in a SELECT list, so blank handling is written with CASE and
 * coalesce, which DuckDB evaluates lazily: the happy path is a NULL test and one cast per cell.
 */

/** Text keeps no outer blanks ("C1 " must match "C1"), and TIMESTAMP casts refuse them; number and
 * date casts ignore blanks themselves, so those cells go to the cast untouched. */
const needsTrim = (c: ColumnSpec) => c.type === 'text' || c.type === 'timestamp';

/** Trims only the cells that start or end with a blank; a blank-only cell becomes NULL. */
function trimmedIfPadded(r: string): string {
	// r < '!' (a byte comparison): the cell starts with a blank or another control character, or is
	// empty; what ascii(r) <= 32 says, for a third of its cost (contacts' stage trims 8 columns: -2.5%)
	const padded = [`${r} < '!'`, ...BLANK_AT_END.map((b) => `ends_with(${r}, ${b})`)].join(' OR ');
	return `CASE WHEN ${padded} THEN nullif(trim(${r}, ${BLANKS}), '') ELSE ${r} END`;
}

/** The value handed to the cast. */
const cellExpr = (c: ColumnSpec) => (needsTrim(c) ? trimmedIfPadded(raw(c.name)) : raw(c.name));

/** Whether a cell that did not cast is merely blank (only evaluated where the cast failed). */
const blank = (c: ColumnSpec) => `trim(${raw(c.name)}, ${BLANKS}) = ''`;

/** The cell is absent: NULL (an empty CSV field) or blanks only. Needs the typed value of the column. */
function emptyExpr(c: ColumnSpec): string {
	if (needsTrim(c)) return `${val(c.name)} IS NULL`;
	return `CASE WHEN ${raw(c.name)} IS NULL THEN true WHEN ${typed(c.name)} IS NOT NULL THEN false ELSE ${blank(c)} END`;
}

const list = (xs: readonly string[]) => `[${xs.map(sqlString).join(', ')}]`;

/**
 * `x NOT IN (…)` written out as comparisons (x a column, not an expression to compute again for each).
 * DuckDB plans an IN list of five or more constants as a join against the list, and a join does not
 * keep the rows in file order: the stage would be written out of order and every line number after
 * the first read chunk would be wrong (contacts' six channels did that: a reject on line 1,500,000 of
 * the 10M sample was reported on line 1,656,597). Shorter lists DuckDB expands into these same
 * comparisons itself. NULL in, NULL out, as with NOT IN.
 */
const isNoneOf = (x: string, values: readonly string[]) => `(${values.map((v) => `${x} <> ${sqlString(v)}`).join(' AND ')})`;

function literal(v: string | number | boolean): string {
	if (typeof v === 'boolean') return v ? 'true' : 'false';
	if (typeof v === 'number') {
		if (!Number.isFinite(v)) throw new Error(`non-finite default ${v}`);
		return `${v}`;
	}
	return sqlString(v);
}

/** The family a date column is read as: what prepareSource settled, else what was declared. */
const familyOf = (c: ColumnSpec, opts: SourceOptions) => opts.dateFamilies?.[c.name] ?? declaredFamily(opts.dateFormats?.[c.name] ?? opts.dateFormat);

/** Number text written "1.234,5" as "1234.5": the one reading of a decimal comma (the column mapping sums and divides with it too). */
export const decimalCommaSql = (v: string) => `replace(replace(${v}, '.', ''), ',', '.')`;

/** Whether a column's numbers are written with a decimal comma: declared for it, else for the file. */
const commaIn = (c: ColumnSpec, opts: SourceOptions) => opts.decimalCommas?.[c.name] ?? opts.decimalComma ?? false;

/** The number text of a cell, with a declared decimal comma turned into a point. */
const numberText = (v: string, c: ColumnSpec, opts: SourceOptions) => (commaIn(c, opts) ? decimalCommaSql(v) : v);

/**
 * The typed reading of a present cell `v`: NULL when it does not parse. One cast per cell; what a cast
 * lets through but the schema does not (a fraction rounded into an INTEGER, 'infinity') is caught by
 * unsoundExpr on the typed value, so the common path never casts twice.
 */
function castExpr(c: ColumnSpec, v: string, opts: SourceOptions): string {
	const num = numberText(v, c, opts);
	switch (c.type) {
		case 'text':
			return c.enum ? `lower(${v})` : v;
		case 'integer':
			return `TRY_CAST(${num} AS INTEGER)`;
		case 'decimal':
			return `TRY_CAST(${num} AS DOUBLE)`;
		case 'date':
			return dateCastSql(v, familyOf(c, opts));
		case 'timestamp':
			return timestampCastSql(v, familyOf(c, opts), TZ_SUFFIX);
		case 'boolean':
			return (
				// list_contains, not IN (see isNoneOf) nor a chain of comparisons, which lowers the cell once per
				// comparison (+2.5% on contacts' stage)
				`CASE WHEN list_contains(${list(['true', 't', 'yes', 'y', '1'])}, lower(${v})) THEN true ` +
				`WHEN list_contains(${list(['false', 'f', 'no', 'n', '0'])}, lower(${v})) THEN false END`
			);
	}
}

/** A cast value the schema still refuses: a rounded fraction (TRY_CAST('1.5' AS INTEGER) = 2), or an
 * infinite number or date ('inf', 'infinity' cast fine). NULL when there is nothing to check. */
function unsoundExpr(c: ColumnSpec, opts: SourceOptions): string | null {
	const x = typed(c.name);
	if (c.type === 'integer') return `${x} <> TRY_CAST(${numberText(val(c.name), c, opts)} AS DOUBLE)`;
	if (c.type === 'decimal' || c.type === 'date' || c.type === 'timestamp') return `NOT isfinite(${x})`;
	return null;
}

/** Typed value including the default for an absent optional cell (an invalid cell stays NULL). */
function typedExpr(c: ColumnSpec, opts: SourceOptions): string {
	const cast = castExpr(c, val(c.name), opts);
	if (c.default === undefined) return cast; // NULL in, NULL out
	const d = literal(c.default);
	if (needsTrim(c)) return `CASE WHEN ${val(c.name)} IS NULL THEN ${d} ELSE ${cast} END`;
	// the cast of an absent cell is NULL, so the default is the fallback of the cast alone: a present cell
	// that casts costs one cast, not a CASE around it (order_lines' two quantities: ~1% of the stage)
	return `coalesce(${cast}, CASE WHEN ${raw(c.name)} IS NULL OR ${blank(c)} THEN ${d} END)`;
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
		lte: c.lteColumn ? `${c.name} must be <= ${c.lteColumn}` : null,
		plausible: c.type === 'date' || c.type === 'timestamp' ? implausibleRule() : null
	};
}

export const duplicateRule = (table: TableName) => `duplicate key (${SCHEMA[table].key.join(', ')})`;

/**
 * The rules a cell can break, in the order they are checked, as [condition, rule text]. Conditions may
 * be NULL when a value is absent; NULL never counts as broken.
 */
function conditions(table: TableName, c: ColumnSpec, opts: SourceOptions): [string, string][] {
	const e = empty(c.name);
	const x = typed(c.name);
	const r = ruleTexts(c);
	const out: [string, string][] = [];
	if (c.required) out.push([e, r.required]);
	if (c.enum) out.push([`NOT ${e} AND ${isNoneOf(x, c.enum)}`, r.enum!]);
	else if (c.type !== 'text') {
		const unsound = unsoundExpr(c, opts);
		out.push([`NOT ${e} AND (${x} IS NULL${unsound ? ` OR ${unsound}` : ''})`, r.type]);
	}
	const range = rangeConditions(c);
	const texts = [r.gt, r.min, r.max].filter((t): t is string => t !== null);
	range.forEach((cond, i) => out.push([cond, texts[i]]));
	if (r.plausible) out.push([implausibleSql(x, c.type as 'date' | 'timestamp'), r.plausible]);
	if (r.lte) {
		// compared only with a sound other value: a qty of -1 is reported once, as a bad qty, rather
		// than again as "qty_backordered must be <= qty" on every column that refers to it
		const other = SCHEMA[table].columns.find((o) => o.name === c.lteColumn)!;
		const sound = rangeConditions(other).map((cond) => `NOT coalesce(${cond}, false)`);
		out.push([[`${x} > ${typed(other.name)}`, ...sound].join(' AND '), r.lte]);
	}
	return out;
}

function rangeConditions(c: ColumnSpec): string[] {
	const x = typed(c.name);
	return [
		...(c.gt !== undefined ? [`${x} <= ${literal(c.gt)}`] : []),
		...(c.min !== undefined ? [`${x} < ${literal(c.min)}`] : []),
		...(c.max !== undefined ? [`${x} > ${literal(c.max)}`] : [])
	];
}

/** The first rule the cell breaks, as text, or NULL: one rule per column, since a value that is not a
 * number has no meaningful range to check. */
function violationExpr(table: TableName, c: ColumnSpec, opts: SourceOptions): string {
	return `CASE ${conditions(table, c, opts).map(([cond, rule]) => `WHEN ${cond} THEN ${sqlString(rule)}`).join(' ')} END`;
}

/**
 * A cheap over-approximation of "the row breaks a rule", run on every row: NULL tests and comparisons
 * on the typed values only. Every row breaking a precise rule (conditions) is caught: an absent or
 * unparsable required cell is a NULL, a present optional cell that did not cast is a NULL with raw
 * text. The one kind of row it catches wrongly — a blank-only optional cell — is cleared afterwards by
 * clearFalseAlarmsSql, which re-checks only the flagged rows with the precise rules.
 */
function fastBadExpr(table: TableName, opts: SourceOptions): string {
	const cols = SCHEMA[table].columns;
	const conds: string[] = [];
	for (const c of cols) {
		const x = typed(c.name);
		// an absent cell with a default holds the default: NULL there means the cell did not cast
		if (c.required || c.default !== undefined) conds.push(`${x} IS NULL`);
		else if (c.type !== 'text' || c.enum) conds.push(`(${x} IS NULL AND ${raw(c.name)} IS NOT NULL)`);
		if (c.enum) conds.push(isNoneOf(x, c.enum));
		const range = rangeConditions(c);
		if (c.type === 'decimal' && (c.gt !== undefined || c.min !== undefined)) {
			// a number with a lower bound: -inf fails the bound, so "not finite" is only +inf and NaN, which
			// DuckDB orders above every number: one comparison instead of a call to isfinite per cell. A
			// number bounded by another column needs not even that: +inf and NaN are above the other value
			// unless that is +inf or NaN itself, which its own tests flag (see finiteChecked)
			if (!finiteChecked(table, c.lteColumn)) conds.push(`${x} > ${DOUBLE_MAX}`);
		} else {
			const unsound = unsoundExpr(c, opts);
			if (unsound) conds.push(`(${unsound})`);
		}
		for (const r of range) conds.push(`(${r})`);
		if (c.type === 'date' || c.type === 'timestamp') conds.push(implausibleSql(x, c.type));
		if (c.lteColumn) conds.push(`${x} > ${typed(c.lteColumn)}`);
	}
	// CASE, not coalesce(… OR …, false): a CASE condition is evaluated as a filter, each test narrowing
	// a selection, where an OR in a SELECT list builds a boolean vector per test and ORs them (~3% of
	// order_lines' stage). Both are false when every test is false or NULL.
	return conds.length ? `CASE WHEN ${conds.join(' OR ')} THEN true ELSE false END` : 'false';
}

/**
 * Whether fastBadExpr flags every row whose `column` is NULL, +inf or NaN. True for a required or
 * defaulted decimal with a lower bound: `x IS NULL`, and either `x > DOUBLE_MAX` or, when that was left
 * out for x's own bounding column b, `x > b`, which holds for +inf and NaN unless b is +inf or NaN, and
 * then b's tests flag the row (by the same argument, down to a column with the DOUBLE_MAX test).
 */
function finiteChecked(table: TableName, column: string | undefined): boolean {
	const o = column ? SCHEMA[table].columns.find((c) => c.name === column) : undefined;
	return !!o && o.type === 'decimal' && (o.gt !== undefined || o.min !== undefined) && (o.required || o.default !== undefined);
}

/** The precise "breaks a rule" of a row, over the levels of preciseLevels. */
function preciseBadExpr(table: TableName, opts: SourceOptions): string {
	const all = checked(table).flatMap((c) => conditions(table, c, opts).map(([cond]) => `(${cond})`));
	return all.length ? `coalesce(${all.join(' OR ')}, false)` : 'false';
}

/** Levels of the SELECT that turn raw text into typed values and a flag; each names what the next uses. */
function checkedLevels(table: TableName, opts: SourceOptions, from: string): string {
	const cols = SCHEMA[table].columns;
	return [
		`SELECT *, ${fastBadExpr(table, opts)} AS "__bad" FROM (`,
		`SELECT *, ${cols.map((c) => `${typedExpr(c, opts)} AS ${typed(c.name)}`).join(', ')} FROM (`,
		`SELECT *, ${cols.map((c) => `${cellExpr(c)} AS ${val(c.name)}`).join(', ')} FROM (`,
		from,
		`)))`
	].join('\n');
}

/**
 * The stage column that carries a flagged row's raw cells: its first text column, which on a flagged
 * row holds the cells as a JSON list instead of its own value (see stageSql). Every table has one.
 */
function carrier(table: TableName): ColumnSpec {
	const c = SCHEMA[table].columns.find((x) => x.type === 'text');
	if (!c) throw new Error(`${table} has no text column to carry the raw cells of rejected rows`);
	return c;
}

/**
 * The flagged rows of a stage with what the precise rules read: "__rowid", the raw cells (from the
 * carrier column), the cell values, the carrier's own typed value again, and the absent flags, all
 * computed exactly as the stage did.
 */
function preciseLevels(table: TableName, stage: string, opts: SourceOptions): string {
	const all = SCHEMA[table].columns;
	const k = carrier(table);
	return [
		`SELECT *, ${all.map((c) => `${emptyExpr(c)} AS ${empty(c.name)}`).join(', ')} FROM (`,
		`SELECT * REPLACE (${typedExpr(k, opts)} AS ${typed(k.name)}) FROM (`,
		`SELECT *, ${all.map((c) => `${cellExpr(c)} AS ${val(c.name)}`).join(', ')} FROM (`,
		`SELECT *, ${all.map((c, i) => `"__cells"[${i + 1}] AS ${raw(c.name)}`).join(', ')} FROM (`,
		`SELECT rowid AS "__rowid", *, from_json(${typed(k.name)}, '["VARCHAR"]') AS "__cells"`,
		`FROM ${quoteIdent(stage)} WHERE "__bad"))))`
	].join('\n');
}

/**
 * Unflags the rows the fast check flagged but no rule rejects (see fastBadExpr), and gives their carrier
 * column its value back: they load.
 */
export function clearFalseAlarmsSql(table: TableName, stage: string, opts: SourceOptions): string {
	const k = typed(carrier(table).name);
	return (
		`UPDATE ${quoteIdent(stage)} SET "__bad" = false, ${k} = p.${k} FROM (` +
		`SELECT "__rowid", ${k} FROM (${preciseLevels(table, stage, opts)}) WHERE NOT ${preciseBadExpr(table, opts)}` +
		`) p WHERE ${quoteIdent(stage)}.rowid = p."__rowid"`
	);
}

/** Columns that can break a rule at all (free optional text cannot). */
const checked = (table: TableName) => SCHEMA[table].columns.filter((c) => conditions(table, c, {}).length > 0);

export interface StagePlan {
	/** SQL expression for each canonical column in the source (a quoted header), or null if absent */
	sources: Record<string, string | null>;
	/** SQL expression of the source's own line number (XLSX sheet row), when it carries one */
	lineExpr: string | null;
	/** the table's internal columns (SCHEMA[table].internal), as SQL over the source: e.g. bo_source */
	internal?: Record<string, string>;
}

/**
 * A cell of an optional column that is a null token (DESIGN §5: NULL, N/A, NA, -, none, (blank), an
 * editable list) is absent: NULL from the start, so every rule after sees an empty cell. Only short cells
 * are compared (a length test on the rest), so the cost on 10M lines is one length() per optional cell.
 */
function withoutNullTokens(cell: string, tokens: readonly string[]): string {
	// strlen (bytes, kept with the string) rather than length (characters, a scan); blanks around allowed
	const longest = Math.max(...tokens.map((t) => Buffer.byteLength(t))) + 2;
	// most cells of optional columns are numbers and dates: when no token starts with a digit, a cell
	// that does is not compared at all (two byte comparisons instead of lower, trim and a list search)
	const digitFirst = tokens.some((t) => /^\d/.test(t));
	const candidate = digitFirst ? `strlen(${cell}) <= ${longest}` : `(${cell} < '0' OR ${cell} >= ':') AND strlen(${cell}) <= ${longest}`;
	return `CASE WHEN ${candidate} AND list_contains(${list(tokens)}, lower(trim(${cell}))) THEN NULL ELSE ${cell} END`;
}

/**
 * One statement that reads the source and stores, per row, the typed canonical columns and a `__bad`
 * flag. A flagged row's raw cells are needed for its rejects; they ride in the row itself, as a JSON
 * list in its first text column (see carrier), which the row will not load with anyway. A column of its
 * own, NULL on every good row, cost 0.2 s of order_lines' 7.3 s at 10M lines (the write of a 13th
 * column); the carrier costs a CASE. The stage's rowid is the record's position in the file (insertion
 * order is preserved).
 *
 * The stage is a real table in the database, not a temp table: the swap then only drops the helper
 * columns and renames it, so the data is written once — the same work as a bare CREATE TABLE AS.
 */
export function stageSql(table: TableName, stage: string, from: string, plan: StagePlan, opts: SourceOptions): string {
	const cols = SCHEMA[table].columns;
	const tokens = opts.nullTokens ?? [];
	const l0 = [
		...cols.map((c) => {
			const cell = `CAST(${plan.sources[c.name] ?? 'NULL'} AS VARCHAR)`;
			return `${plan.sources[c.name] && !c.required && tokens.length ? withoutNullTokens(cell, tokens) : cell} AS ${raw(c.name)}`;
		}),
		...(plan.lineExpr ? [`CAST(${plan.lineExpr} AS BIGINT) AS "__line"`] : [])
	];
	const k = carrier(table);
	const cells = `CAST(to_json([${cols.map((c) => raw(c.name)).join(', ')}]) AS VARCHAR)`;
	const out = [
		...cols.map((c) =>
			c === k
				? `CASE WHEN "__bad" THEN ${cells} ELSE ${typed(c.name)} END AS ${typed(c.name)}`
				: `CAST(${typed(c.name)} AS ${DUCKDB_TYPE[c.type]}) AS ${typed(c.name)}`
		),
		...(SCHEMA[table].internal ?? []).map((c) => `CAST(${plan.internal?.[c.name] ?? 'NULL'} AS ${DUCKDB_TYPE[c.type]}) AS ${typed(c.name)}`),
		'"__bad"',
		// kept for every row (XLSX only, ≤ 1M rows): duplicate-key rejects are not "bad" yet at this point
		...(plan.lineExpr ? ['"__line"'] : [])
	];
	return [
		`CREATE OR REPLACE TABLE ${quoteIdent(stage)} AS`,
		`SELECT ${out.join(', ')} FROM (`,
		checkedLevels(table, opts, `SELECT ${l0.join(', ')} FROM ${from}`),
		`)`
	].join('\n');
}


/**
 * The reject rows (line, column_name, value, rule) of the stage's bad rows: one per broken rule.
 * `line` is an expression over "__rowid" (the record's position) and "__line" (a source line, if any).
 */
export function rejectRowsSql(table: TableName, stage: string, line: string, opts: SourceOptions): string {
	const items = checked(table).map(
		(c) => `{'column_name': ${sqlString(c.name)}, 'value': ${raw(c.name)}, 'rule': ${violationExpr(table, c, opts)}}`
	);
	return [
		`SELECT ${line} AS line, r.column_name, r.value, r.rule FROM (`,
		`SELECT *, unnest([${items.join(', ')}]) AS r FROM (${preciseLevels(table, stage, opts)})`,
		`) WHERE r.rule IS NOT NULL` // ordered where the rejects are read (StagedTable.rejectsSql)
	].join('\n');
}

/**
 * Duplicate keys, in two steps because grouping 10M rows by (text, integer) is the costly part: first
 * the 64-bit key hashes that occur more than once among valid rows (usually none, and then we stop);
 * then, among the rows with such a hash, those repeating the real key of an earlier valid row (the
 * first occurrence is kept). Only valid rows compete: a row rejected for another reason does not make a
 * later good row a duplicate.
 */
export function duplicateHashesSql(table: TableName, stage: string, target: string): string {
	const key = SCHEMA[table].key.map(typed).join(', ');
	return (
		`CREATE OR REPLACE TEMP TABLE ${quoteIdent(target)} AS SELECT hash(${key}) AS h FROM ${quoteIdent(stage)} ` +
		`WHERE NOT "__bad" GROUP BY h HAVING count(*) > 1`
	);
}

/**
 * A row when the valid rows' keys do NOT strictly ascend in file order; no row proves the keys unique
 * without a hash table. Exports are usually sorted by their key (order number and line, contact id),
 * and one sequential pass over the stage costs a third of hashing 10M keys (0.5 s against 1.5–2 s here);
 * an unsorted file stops the pass at its first out-of-order key (LIMIT 1), so it costs next to nothing
 * before duplicateHashesSql decides. The proof does not depend on the order DuckDB reads the rows in:
 * row_number() and lag() number one and the same sequence, and a strictly increasing sequence repeats
 * no key. A NULL key part (never in a valid row: key columns are required) counts as out of order.
 */
export function keysNotAscendingSql(table: TableName, stage: string): string {
	const key = SCHEMA[table].key.map(typed);
	const prev = key.map((_, i) => quoteIdent(`__prev${i}`));
	// (k1, k2, …) > (p1, p2, …), lexicographically
	let greater = `${key[key.length - 1]} > ${prev[key.length - 1]}`;
	for (let i = key.length - 2; i >= 0; i--) greater = `${key[i]} > ${prev[i]} OR (${key[i]} = ${prev[i]} AND (${greater}))`;
	return [
		`SELECT "__n" FROM (`,
		`SELECT row_number() OVER () AS "__n", ${key.join(', ')}, ${key.map((k, i) => `lag(${k}) OVER () AS ${prev[i]}`).join(', ')}`,
		`FROM ${quoteIdent(stage)} WHERE NOT "__bad"`,
		`) WHERE "__n" > 1 AND (${greater}) IS NOT TRUE LIMIT 1`
	].join('\n');
}

export function duplicatesSql(table: TableName, stage: string, hashes: string, target: string): string {
	const key = SCHEMA[table].key.map(typed);
	const sKey = key.map((k) => `s.${k}`).join(', ');
	// a row after the first of its key: its rowid is above its key's smallest. A grouped minimum, not a
	// window numbered per key — one key repeated millions of times is one window partition, which DuckDB
	// holds in memory (5M copies of one key: 850 MB against a 512 MB limit), while an aggregate spills
	const from = `${quoteIdent(stage)} s SEMI JOIN ${quoteIdent(hashes)} d ON hash(${sKey}) = d.h`;
	const firsts = key.map((k, i) => `s.${k} AS ${quoteIdent(`__k${i}`)}`).join(', ');
	const same = key.map((k, i) => `s.${k} = f.${quoteIdent(`__k${i}`)}`).join(' AND ');
	return [
		`CREATE OR REPLACE TEMP TABLE ${quoteIdent(target)} AS`,
		`SELECT s.rowid AS "__rowid", concat_ws(', ', ${key.map((k) => `CAST(s.${k} AS VARCHAR)`).join(', ')}) AS "__key"`,
		`FROM ${from}`,
		`JOIN (SELECT ${firsts}, min(s.rowid) AS "__first" FROM ${from} WHERE NOT s."__bad" GROUP BY ALL) f ON ${same}`,
		`WHERE NOT s."__bad" AND s.rowid > f."__first"`
	].join('\n');
}

/** The stage's helper columns, dropped when it becomes the canonical table. */
export function helperColumns(table: TableName, plan: StagePlan): string[] {
	return ['__bad', ...(plan.lineExpr ? ['__line'] : [])];
}
