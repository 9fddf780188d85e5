/**
 * Column mappings for foreign exports (issue 8, issue 14): how to build one canonical table from a file
 * whose headers differ from DESIGN §2 — optionally joined to a second file (SAP: order lines take the
 * customer and order date from the order header). Each canonical column comes from an expression
 * (mapping-exprs.ts); a table may keep the first row or sum the quantities of a repeated key (a
 * denormalised export gives customers and products too; stock in several bins), take only the rows a
 * condition selects, and read a file that has no header row. Pure: the browser edits and validates
 * mappings with it, the server builds SQL from them (server/data/mapping-sql.ts), the CLI reads the
 * same saved JSON.
 */
import { SCHEMA, isTableName, type TableName } from '$lib/schema';
import { checkCondition, checkExpr, exprSources, type Condition, type Expr, type SourceRef } from './mapping-exprs';

export * from './mapping-exprs';

/** What to do with rows that repeat a key of the table: the ingest rejects them, keep the first, or sum the quantities. */
export const KEY_MODES = ['reject', 'first', 'sum'] as const;
export type KeyMode = (typeof KEY_MODES)[number];

export const KEY_MODE_LABELS: Record<KeyMode, string> = {
	reject: 'reject repeated keys',
	first: 'keep the first row of each key',
	sum: 'sum the quantities of each key'
};

/** The quantities a 'sum' adds up per key (stock held in several bins); every other column keeps its first value. */
export const ADDITIVE: Partial<Record<TableName, readonly string[]>> = {
	inventory_snapshots: ['on_hand_qty'],
	order_lines: ['qty', 'qty_backordered', 'qty_cancelled'],
	shipments: ['qty_shipped'],
	contacts: ['minutes'],
	opportunities: ['amount'],
	customers: ['annual_wallet']
};

export interface TableMapping {
	table: TableName;
	/** the main file (name in the upload) */
	file: string;
	/** the main file has no header row: its columns are "Column 1", "Column 2", … */
	noHeader?: boolean;
	/** a second file joined on main.on = lookup.key (first row per key) */
	lookup?: { file: string; on: string; key: string; noHeader?: boolean };
	/** canonical column → how to fill it; unmapped columns are left empty (optional ones take their default) */
	columns: Record<string, Expr>;
	/** rows repeating a key: default 'reject' (the ingest's rule) */
	keys?: KeyMode;
	/** only the rows this condition holds for (e.g. shipments: rows with a ship date) */
	where?: Condition;
}

/** What a file looks like: its headers and a few rows of text. */
export interface FileShape {
	name: string;
	headers: string[];
	rows: string[][];
	signature: string;
	/** read as a file without a header row (headers are "Column 1", …) */
	headerless?: boolean;
	/** fields in the first record (the header, or the first row of a header-less file) */
	width?: number;
	/** the first record looks like data (numbers, dates), not names: perhaps no header row */
	looksHeaderless?: boolean;
}

/** A saved mapping: the same shape, with files identified by their header signature instead of name. */
export interface SavedMapping {
	name: string;
	table: TableName;
	signature: string;
	/** the file's name when saved: preferred when a file of that name is there (header-less files have weak signatures) */
	file?: string;
	noHeader?: boolean;
	lookup?: { signature: string; on: string; key: string; file?: string; noHeader?: boolean };
	columns: Record<string, Expr>;
	keys?: KeyMode;
	where?: Condition;
	/** plain statements of what this source cannot provide */
	limitations?: string[];
}

/** The file "Save mapping" exports and `npm run ingest -- --mapping` reads. */
export interface MappingFile {
	version: 1;
	mappings: SavedMapping[];
}

/** The column names of a file without a header row. */
export const genericHeaders = (width: number) => Array.from({ length: width }, (_, i) => `Column ${i + 1}`);

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

/** The files a mapping reads, with whether each has a header row. */
export function mappingFiles(m: Pick<TableMapping, 'file' | 'noHeader' | 'lookup'>): { file: string; noHeader: boolean }[] {
	return [{ file: m.file, noHeader: Boolean(m.noHeader) }, ...(m.lookup ? [{ file: m.lookup.file, noHeader: Boolean(m.lookup.noHeader) }] : [])];
}

const own = (o: object, k: string) => Object.hasOwn(o, k);

/** Checks a mapping against the files' headers. Errors keyed by canonical column ('' for the whole). */
export function validateMapping(m: TableMapping, files: Record<string, string[]>): Record<string, string> {
	// keyed by column names from a request: no prototype, so "__proto__" is a key like any other
	const errors: Record<string, string> = Object.create(null);
	if (typeof m !== 'object' || m === null || typeof m.table !== 'string' || !isTableName(m.table)) return { '': `"${String(m?.table)}" is not a table` };
	const main = typeof m.file === 'string' && own(files, m.file) ? files[m.file] : null;
	if (!main) return { '': `the file "${String(m.file)}" is not in this upload` };
	if (m.noHeader !== undefined && typeof m.noHeader !== 'boolean') errors[''] = 'noHeader is true or false';
	let lookup: string[] | null = null;
	if (m.lookup) {
		lookup = typeof m.lookup.file === 'string' && own(files, m.lookup.file) ? files[m.lookup.file] : null;
		if (!lookup) errors[''] = `the joined file "${String(m.lookup.file)}" is not in this upload`;
		else if (m.lookup.file === m.file) errors[''] = 'a file cannot be joined to itself';
		else if (!main.includes(m.lookup.on)) errors[''] = `"${m.lookup.on}" is not a column of ${m.file}`;
		else if (!lookup.includes(m.lookup.key)) errors[''] = `"${m.lookup.key}" is not a column of ${m.lookup.file}`;
	}
	if (m.keys !== undefined && !(typeof m.keys === 'string' && (KEY_MODES as readonly string[]).includes(m.keys))) errors[''] = 'repeated keys are rejected, kept first or summed';
	else if (m.keys && m.keys !== 'reject' && SCHEMA[m.table].key.length === 0) errors[''] = `${m.table} has no key: its rows cannot be folded together`;
	const source = (s: SourceRef | undefined): string | null => {
		if (!s || typeof s !== 'object' || typeof s.column !== 'string') return 'choose a column';
		if (s.from === 'lookup') {
			if (!lookup) return 'there is no joined file';
			if (!lookup.includes(s.column)) return `"${s.column}" is not a column of ${m.lookup!.file}`;
		} else if (s.from !== undefined && s.from !== 'main') return 'a column comes from the main or the joined file';
		else if (!main.includes(s.column)) return `"${s.column}" is not a column of ${m.file}`;
		return null;
	};
	if (m.where !== undefined) {
		const e = checkCondition(m.where, source);
		if (e) errors[''] = `only rows where: ${e}`;
	}
	if (typeof m.columns !== 'object' || m.columns === null || Array.isArray(m.columns)) return { ...errors, '': 'columns must map canonical columns to expressions' };
	const known = new Map(canonicalColumns(m.table).map((c) => [c.name, c]));
	for (const [col, e] of Object.entries(m.columns)) {
		const spec = known.get(col);
		if (!spec) {
			errors[col] = `is not a column of ${m.table}`;
			continue;
		}
		const problem = checkExpr(e, spec, source);
		if (problem) errors[col] = problem;
		else if (e.kind === 'lineNumber' && !own(m.columns, 'order_id')) errors[col] = 'generated line numbers count the rows of each order: map order_id';
	}
	for (const c of canonicalColumns(m.table)) {
		if (c.required && !own(m.columns, c.name) && !errors[c.name]) errors[c.name] = 'is required: map it to a column or a constant';
	}
	return errors;
}

/** Two mappings may read one file, but must agree on whether it has a header row. */
export function headerConflicts(mappings: readonly TableMapping[]): string | null {
	const seen = new Map<string, boolean>();
	for (const m of mappings) {
		for (const f of mappingFiles(m)) {
			const before = seen.get(f.file);
			if (before !== undefined && before !== f.noHeader) return `${f.file} is read both with and without a header row`;
			seen.set(f.file, f.noHeader);
		}
	}
	return null;
}

/**
 * What the mapped data will lack, in plain words (shown before and after loading). `others` are the
 * mappings built with it (order lines without recorded backorders derive them from a shipments table).
 */
export function mappingGaps(m: Pick<TableMapping, 'table' | 'columns'>, others: readonly Pick<TableMapping, 'table'>[] = []): string[] {
	const out: string[] = [];
	const has = (c: string) => own(m.columns, c);
	const missing = (c: string) => {
		const e = has(c) ? m.columns[c] : undefined;
		return !e || (e.kind === 'constant' && ['', '0'].includes(e.value.trim()));
	};
	if (m.table === 'order_lines' && missing('qty_backordered')) {
		if (others.some((o) => o.table === 'shipments'))
			out.push('No recorded backorder quantities: they are derived from the shipments (what did not ship within the grace days of the order date).');
		else if (has('ship_date') && has('promised_date'))
			out.push('No backorder quantities and no shipments: a line shipped later than promised (plus the grace days) counts as backordered in full; partial shipments cannot be seen.');
		else
			out.push('No backorder quantities, shipments or ship and promised dates: every line counts as filled in full, and the ledger says it has no backorder source.');
	}
	if (m.table === 'order_lines' && !has('ship_date') && !others.some((o) => o.table === 'shipments')) out.push('No ship dates.');
	if (m.table === 'products' && missing('lead_time_days')) out.push('No replenishment lead times.');
	if (m.table === 'customers' && !has('segment')) out.push('No customer segments.');
	if (m.table === 'customers' && missing('annual_wallet')) out.push('No annual wallet estimates.');
	if (m.table === 'opportunities' && !has('loss_reason')) out.push('No loss reasons: no lost deal can be tied to availability (only its note, if mapped, is searched).');
	if (m.table === 'contacts' && !has('minutes')) out.push('No handle times: sales contacts take the default minutes per channel.');
	return out;
}

const generic = (s: FileShape) => headerSignature(genericHeaders(s.width ?? s.headers.length));

/** A mapping for these files from a saved one, when the files' signatures (or saved names) match; null otherwise. */
export function applySaved(saved: SavedMapping, shapes: readonly FileShape[]): TableMapping | null {
	const find = (signature: string, name: string | undefined, noHeader: boolean | undefined, not?: string) => {
		const fits = shapes.filter((f) => f.name !== not && (noHeader ? generic(f) === signature : f.signature === signature && !f.headerless));
		// a header-less file's signature says only how many columns it has: its saved name, or a first row of data
		return fits.find((f) => f.name === name) ?? (noHeader ? fits.find((f) => f.looksHeaderless || f.headerless) : fits[0]) ?? null;
	};
	const main = find(saved.signature, saved.file, saved.noHeader);
	if (!main) return null;
	let lookup: TableMapping['lookup'];
	if (saved.lookup) {
		const l = find(saved.lookup.signature, saved.lookup.file, saved.lookup.noHeader, main.name);
		if (!l) return null;
		lookup = { file: l.name, on: saved.lookup.on, key: saved.lookup.key, ...(saved.lookup.noHeader ? { noHeader: true } : {}) };
	}
	return {
		table: saved.table,
		file: main.name,
		...(saved.noHeader ? { noHeader: true } : {}),
		...(lookup ? { lookup } : {}),
		columns: structuredClone(saved.columns),
		...(saved.keys && saved.keys !== 'reject' ? { keys: saved.keys } : {}),
		...(saved.where ? { where: structuredClone(saved.where) } : {})
	};
}

/** The saved form of a mapping (files by signature, and by name as a hint). */
export function toSaved(name: string, m: TableMapping, shapes: readonly FileShape[], others: readonly TableMapping[] = []): SavedMapping {
	const sig = (file: string, noHeader?: boolean) => {
		const s = shapes.find((f) => f.name === file);
		return !s ? '' : noHeader ? generic(s) : s.signature;
	};
	return {
		name,
		table: m.table,
		signature: sig(m.file, m.noHeader),
		file: m.file,
		...(m.noHeader ? { noHeader: true } : {}),
		...(m.lookup
			? { lookup: { signature: sig(m.lookup.file, m.lookup.noHeader), on: m.lookup.on, key: m.lookup.key, file: m.lookup.file, ...(m.lookup.noHeader ? { noHeader: true } : {}) } }
			: {}),
		columns: structuredClone(m.columns),
		...(m.keys && m.keys !== 'reject' ? { keys: m.keys } : {}),
		...(m.where ? { where: structuredClone(m.where) } : {}),
		limitations: mappingGaps(m, others)
	};
}

/** Reads a mapping file: `{ version, mappings }`, a list of saved mappings, or one. Throws with what is wrong. */
export function parseMappingFile(raw: unknown): SavedMapping[] {
	const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' && Array.isArray((raw as MappingFile).mappings) ? (raw as MappingFile).mappings : [raw];
	if (!list.length) throw new Error('the mapping file holds no mapping');
	return list.map((m, i) => {
		const at = `mapping ${i + 1}`;
		if (!m || typeof m !== 'object') throw new Error(`${at} is not an object`);
		const s = m as SavedMapping;
		if (typeof s.table !== 'string' || !isTableName(s.table)) throw new Error(`${at}: "${String(s.table)}" is not a table`);
		if (typeof s.signature !== 'string') throw new Error(`${at} (${s.table}) has no header signature`);
		if (typeof s.columns !== 'object' || s.columns === null || Array.isArray(s.columns)) throw new Error(`${at} (${s.table}) has no columns`);
		return { ...s, name: typeof s.name === 'string' && s.name.trim() ? s.name.trim().slice(0, 100) : `${s.table} mapping` };
	});
}

/** Every column of the files a mapping's expressions read (for showing samples and checking). */
export function mappingSources(m: TableMapping): SourceRef[] {
	return [...Object.values(m.columns).flatMap(exprSources), ...(m.where ? [m.where.source] : [])];
}
