/**
 * Column mappings for foreign exports (issue 8): how to build one canonical table from a file whose
 * headers differ from DESIGN §2 — optionally joined to a second file (SAP: order lines take the customer
 * and order date from the order header) — where each canonical column is a source column (with a date
 * format or a decimal comma declared), a constant, a join of two columns, or a per-unit amount (one
 * column divided by another). Pure: the browser edits and validates mappings with it, the server turns
 * them into SQL with it (every identifier and literal quoted here, never spliced raw).
 */
import { SCHEMA, isTableName, type TableName } from '$lib/schema';

export type MappedDate = 'ymd8' | 'dmy' | 'mdy';

/** A column of the main file, or of the joined file. */
export interface SourceRef {
	column: string;
	from?: 'main' | 'lookup';
}

export type Expr =
	| { kind: 'column'; source: SourceRef; date?: MappedDate; decimalComma?: boolean }
	| { kind: 'constant'; value: string }
	| { kind: 'join'; sources: [SourceRef, SourceRef]; separator: string }
	| { kind: 'divide'; numerator: SourceRef; denominator: SourceRef; decimalComma?: boolean };

export interface TableMapping {
	table: TableName;
	/** the main file (name in the upload) */
	file: string;
	/** a second file joined on main.on = lookup.key (first match per key) */
	lookup?: { file: string; on: string; key: string };
	/** canonical column → how to fill it; unmapped columns are left empty (optional ones take their default) */
	columns: Record<string, Expr>;
}

/** What a file looks like: its headers and a few rows of text. */
export interface FileShape {
	name: string;
	headers: string[];
	rows: string[][];
	signature: string;
}

/** A saved mapping: the same shape, with files identified by their header signature instead of name. */
export interface SavedMapping {
	name: string;
	table: TableName;
	signature: string;
	lookup?: { signature: string; on: string; key: string };
	columns: Record<string, Expr>;
	/** plain statements of what this source cannot provide */
	limitations?: string[];
}

export const DATE_LABELS: Record<MappedDate, string> = {
	ymd8: 'YYYYMMDD',
	dmy: 'day first (31/12/2024)',
	mdy: 'month first (12/31/2024)'
};

const norm = (h: string) =>
	h
		.replace(/^\uFEFF/, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');

/** The shape of a file's header: normalised names, in order. Two exports of the same report agree. */
export function headerSignature(headers: readonly string[]): string {
	const s = headers.map(norm).join('|');
	// FNV-1a, 32-bit, twice with different seeds: short, stable, no crypto needed in the browser
	const fnv = (seed: number) => {
		let h = seed >>> 0;
		for (let i = 0; i < s.length; i++) {
			h ^= s.charCodeAt(i);
			h = Math.imul(h, 0x01000193) >>> 0;
		}
		return h.toString(16).padStart(8, '0');
	};
	return `${headers.length}-${fnv(0x811c9dc5)}${fnv(0x1234567)}`;
}

export function canonicalColumns(table: TableName) {
	return SCHEMA[table].columns;
}

/** Checks a mapping against the files' headers. Errors keyed by canonical column ('' for the whole). */
export function validateMapping(m: TableMapping, files: Record<string, string[]>): Record<string, string> {
	// a null prototype: a column named "__proto__" is reported, not silently dropped
	const errors: Record<string, string> = Object.create(null);
	if (!isTableName(m.table)) return { '': `"${String(m.table)}" is not a table` };
	const main = files[m.file];
	if (!main) return { '': `the file "${m.file}" is not in this upload` };
	let lookup: string[] | null = null;
	if (m.lookup) {
		lookup = files[m.lookup.file] ?? null;
		if (!lookup) errors[''] = `the joined file "${m.lookup.file}" is not in this upload`;
		else if (m.lookup.file === m.file) errors[''] = 'a file cannot be joined to itself';
		else {
			if (!main.includes(m.lookup.on)) errors[''] = `"${m.lookup.on}" is not a column of ${m.file}`;
			else if (!lookup.includes(m.lookup.key)) errors[''] = `"${m.lookup.key}" is not a column of ${m.lookup.file}`;
		}
	}
	const known = new Set(canonicalColumns(m.table).map((c) => c.name));
	const check = (col: string, s: SourceRef | undefined) => {
		if (!s || typeof s.column !== 'string') return (errors[col] = 'choose a column');
		if (s.from === 'lookup') {
			if (!lookup) return (errors[col] = 'there is no joined file');
			if (!lookup.includes(s.column)) return (errors[col] = `"${s.column}" is not a column of ${m.lookup!.file}`);
		} else if (!main.includes(s.column)) return (errors[col] = `"${s.column}" is not a column of ${m.file}`);
		return null;
	};
	for (const [col, e] of Object.entries(m.columns)) {
		if (!known.has(col)) {
			errors[col] = `is not a column of ${m.table}`;
			continue;
		}
		switch (e?.kind) {
			case 'column':
				check(col, e.source);
				// own keys only: "toString" or "__proto__" is in every object (issue 19: that was a 500)
				if (e.date !== undefined && !(typeof e.date === 'string' && Object.hasOwn(DATE_LABELS, e.date))) errors[col] = 'unknown date format';
				if (e.decimalComma !== undefined && typeof e.decimalComma !== 'boolean') errors[col] = 'decimalComma is true or false';
				break;
			case 'constant':
				if (typeof e.value !== 'string' || e.value.length > 200) errors[col] = 'a constant is text of at most 200 characters';
				break;
			case 'join':
				if (!Array.isArray(e.sources) || e.sources.length !== 2) errors[col] = 'a join takes two columns';
				else {
					check(col, e.sources[0]);
					check(col, e.sources[1]);
				}
				if (typeof e.separator !== 'string' || e.separator.length > 5) errors[col] = 'the separator is at most 5 characters';
				break;
			case 'divide':
				check(col, e.numerator);
				check(col, e.denominator);
				if (e.decimalComma !== undefined && typeof e.decimalComma !== 'boolean') errors[col] = 'decimalComma is true or false';
				break;
			default:
				errors[col] = 'unknown expression';
		}
	}
	for (const c of canonicalColumns(m.table)) {
		if (c.required && !m.columns[c.name] && !errors[c.name]) errors[c.name] = 'is required: map it to a column or a constant';
	}
	return errors;
}

/** What the mapped data will lack, in plain words (shown before and after loading). */
export function mappingGaps(m: Pick<TableMapping, 'table' | 'columns'>): string[] {
	const out: string[] = [];
	const missing = (c: string) => !m.columns[c] || (m.columns[c].kind === 'constant' && ['', '0'].includes((m.columns[c] as { value: string }).value.trim()));
	if (m.table === 'order_lines' && missing('qty_backordered')) {
		out.push('No backorder quantities: every line loads as fully available (qty_backordered 0), so the backorder costs of these lines are zero.');
	}
	if (m.table === 'order_lines' && !m.columns.ship_date) out.push('No ship dates.');
	if (m.table === 'products' && missing('lead_time_days')) out.push('No replenishment lead times.');
	if (m.table === 'customers' && !m.columns.segment) out.push('No customer segments.');
	if (m.table === 'customers' && missing('annual_wallet')) out.push('No annual wallet estimates.');
	return out;
}

// ---- SQL ----

export const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
export const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

function ref(s: SourceRef): string {
	return `${s.from === 'lookup' ? 'l' : 'm'}.${quoteIdent(s.column)}`;
}

function decimalText(sql: string): string {
	// "1.234,5" → "1234.5"; values that are not numbers pass through for the ingest to reject
	return `replace(replace(trim(${sql}), '.', ''), ',', '.')`;
}

const DATE_FORMATS: Record<MappedDate, string[]> = {
	ymd8: ['%Y%m%d'],
	dmy: ['%d/%m/%Y', '%d.%m.%Y', '%d-%m-%Y', '%d/%m/%y', '%d.%m.%y', '%d-%m-%y'],
	mdy: ['%m/%d/%Y', '%m-%d-%Y', '%m.%d.%Y', '%m/%d/%y', '%m-%d-%y']
};

function dateText(sql: string, f: MappedDate): string {
	// parsed dates become ISO; anything else passes through unchanged so the ingest rejects it with its value
	const fmts = `[${DATE_FORMATS[f].map(quoteLiteral).join(', ')}]`;
	return `coalesce(strftime(try_strptime(trim(${sql}), ${fmts}), '%Y-%m-%d'), ${sql})`;
}

export function exprSql(e: Expr): string {
	switch (e.kind) {
		case 'column': {
			let s = ref(e.source);
			if (e.decimalComma) s = decimalText(s);
			if (e.date) s = dateText(s, e.date);
			return s;
		}
		case 'constant':
			return quoteLiteral(e.value);
		case 'join':
			return `concat_ws(${quoteLiteral(e.separator)}, ${ref(e.sources[0])}, ${ref(e.sources[1])})`;
		case 'divide': {
			const n = e.decimalComma ? decimalText(ref(e.numerator)) : ref(e.numerator);
			const d = e.decimalComma ? decimalText(ref(e.denominator)) : ref(e.denominator);
			// a value that is not a number, or a zero divisor, gives an empty cell (rejected when required)
			return `CAST(round(try_cast(${n} AS DOUBLE) / nullif(try_cast(${d} AS DOUBLE), 0), 6) AS VARCHAR)`;
		}
	}
}

/**
 * The SELECT that builds the canonical table as text. `read` gives the SQL that reads a file (the server
 * supplies read_csv with its path). `limit` previews the first rows.
 */
export function mappingSelect(m: TableMapping, read: (file: string) => string, limit?: number): string {
	const cols = canonicalColumns(m.table).map((c) => {
		const e = m.columns[c.name];
		return `${e ? exprSql(e) : 'NULL::VARCHAR'} AS ${quoteIdent(c.name)}`;
	});
	// rows keep the main file's order, so line N of the canonical file is line N of the main file (and
	// the reject report's line numbers point into the file the user has)
	let from = `(SELECT *, row_number() OVER () AS "__ledger_line" FROM ${read(m.file)}) m`;
	if (m.lookup) {
		from +=
			` LEFT JOIN (SELECT * FROM ${read(m.lookup.file)} QUALIFY row_number() OVER (PARTITION BY ${quoteIdent(m.lookup.key)}) = 1) l` +
			` ON m.${quoteIdent(m.lookup.on)} = l.${quoteIdent(m.lookup.key)}`;
	}
	return `SELECT ${cols.join(', ')} FROM ${from} ORDER BY m."__ledger_line"${limit ? ` LIMIT ${Math.max(1, Math.floor(limit))}` : ''}`;
}

/** A mapping for these files from a saved one, when the files' signatures match; null otherwise. */
export function applySaved(saved: SavedMapping, shapes: readonly FileShape[]): TableMapping | null {
	const main = shapes.find((f) => f.signature === saved.signature);
	if (!main) return null;
	let lookup: TableMapping['lookup'];
	if (saved.lookup) {
		const l = shapes.find((f) => f.signature === saved.lookup!.signature && f.name !== main.name);
		if (!l) return null;
		lookup = { file: l.name, on: saved.lookup.on, key: saved.lookup.key };
	}
	return { table: saved.table, file: main.name, ...(lookup ? { lookup } : {}), columns: structuredClone(saved.columns) };
}

/** The saved form of a mapping (files by signature). */
export function toSaved(name: string, m: TableMapping, shapes: readonly FileShape[]): SavedMapping {
	const sig = (file: string) => shapes.find((f) => f.name === file)?.signature ?? '';
	return {
		name,
		table: m.table,
		signature: sig(m.file),
		...(m.lookup ? { lookup: { signature: sig(m.lookup.file), on: m.lookup.on, key: m.lookup.key } } : {}),
		columns: structuredClone(m.columns),
		limitations: mappingGaps(m)
	};
}
