/**
 * What the mapping editor computes (its components only render): the choices of a column, a fresh
 * expression of a kind, the sample values under a choice, a mapping cleaned of unset columns, the
 * mapping file to download. Pure.
 */
import type { ColumnSpec, TableName } from '$lib/schema';
import { SCHEMA } from '$lib/schema';
import { enumValue } from './suggest';
import { toSaved, type Expr, type ExprKind, type FileShape, type MappingFile, type Operand, type SourceRef, type TableMapping } from './mapping';

/** A source column as one select value (main or joined file). */
export const refKey = (s: SourceRef) => `${s.from === 'lookup' ? 'lookup' : 'main'}\u0000${s.column}`;

export function parseRef(v: string): SourceRef {
	const [from, column] = v.split('\u0000');
	return from === 'lookup' ? { column, from: 'lookup' } : { column };
}

export interface RefOption {
	value: string;
	label: string;
}

/** The columns an expression of this mapping can read: the main file's, then the joined file's. */
export function refOptions(m: TableMapping, headers: Record<string, string[]>): RefOption[] {
	const own = (f: string) => (Object.hasOwn(headers, f) ? headers[f] : []);
	return [
		...own(m.file).map((h) => ({ value: refKey({ column: h }), label: h })),
		...(m.lookup ? own(m.lookup.file).map((h) => ({ value: refKey({ column: h, from: 'lookup' }), label: `${m.lookup!.file} → ${h}` })) : [])
	];
}

/** The kinds a canonical column can take. */
export function kindsFor(spec: ColumnSpec): ExprKind[] {
	const kinds: ExprKind[] = ['column', 'constant', 'map', 'if', 'join'];
	if (spec.type === 'decimal' || spec.type === 'integer') kinds.push('divide');
	if (spec.type === 'date' || spec.type === 'timestamp') kinds.push('addDays');
	if (spec.name === 'line_no') kinds.push('lineNumber');
	return kinds;
}

/** A new expression of a kind, reading `first` (the file's first column) until the user picks. */
export function newExpr(kind: ExprKind, first: SourceRef, spec: ColumnSpec): Expr {
	const operand: Operand = { value: spec.enum?.[0] ?? '' };
	switch (kind) {
		case 'column':
			return { kind, source: { ...first } };
		case 'constant':
			return { kind, value: spec.enum?.[0] ?? '' };
		case 'join':
			return { kind, sources: [{ ...first }, { ...first }], separator: ' ' };
		case 'divide':
			return { kind, numerator: { ...first }, denominator: { ...first } };
		case 'map':
			return { kind, source: { ...first }, values: {} };
		case 'addDays':
			return { kind, source: { ...first }, days: { value: '0' } };
		case 'if':
			return { kind, when: { source: { ...first }, op: 'eq', value: '' }, then: operand };
		case 'lineNumber':
			return { kind };
	}
}

/** Up to three non-empty sample values of a source column. */
export function samples(m: TableMapping, s: SourceRef | undefined, files: readonly FileShape[]): string {
	if (!s) return '';
	const f = files.find((x) => x.name === (s.from === 'lookup' ? m.lookup?.file : m.file));
	const i = f?.headers.indexOf(s.column) ?? -1;
	if (!f || i < 0) return '';
	return [...new Set(f.rows.map((r) => r[i] ?? '').filter((v) => v !== ''))].slice(0, 3).join(' · ');
}

/** The file (and whether it has a header row) a source column is in. */
export function fileOf(m: TableMapping, s: SourceRef): { file: string; noHeader: boolean } {
	return s.from === 'lookup' && m.lookup ? { file: m.lookup.file, noHeader: Boolean(m.lookup.noHeader) } : { file: m.file, noHeader: Boolean(m.noHeader) };
}

/** The mapping without unset columns (an editor clears a column by leaving it undefined). */
export function cleanMapping(m: TableMapping): TableMapping {
	const columns: Record<string, Expr> = {};
	for (const [k, v] of Object.entries(m.columns)) if (v) columns[k] = v;
	const { where, ...rest } = m;
	return JSON.parse(JSON.stringify({ ...rest, columns, ...(where ? { where } : {}) }));
}

/** Mappings after a file was declared to have (or not to have) a header row. */
export function withHeaderRow(mappings: readonly TableMapping[], file: string, noHeader: boolean): TableMapping[] {
	return mappings.map((m) => ({
		...m,
		...(m.file === file ? { noHeader } : {}),
		...(m.lookup && m.lookup.file === file ? { lookup: { ...m.lookup, noHeader } } : {})
	}));
}

/** Whether a table's rows can repeat a key (and so be kept first or summed). */
export const keyed = (table: TableName) => SCHEMA[table].key.length > 0;

/** The mapping file "Download mappings" writes (the JSON `npm run ingest -- --mapping` reads). */
export function mappingFile(mappings: readonly TableMapping[], shapes: readonly FileShape[], name: (m: TableMapping) => string): MappingFile {
	const clean = mappings.map(cleanMapping);
	return { version: 1, mappings: clean.map((m) => toSaved(name(m), m, shapes, clean)) };
}

/**
 * A value map with each listed value mapped: what it already maps to, else (for an enum column) the
 * enum value it stands for ("Social media" → other), else left out (kept as written).
 */
export function prefillMap(current: Record<string, string>, values: readonly string[], spec: ColumnSpec): Record<string, string> {
	const out: Record<string, string> = { ...current };
	for (const v of values) {
		if (Object.hasOwn(out, v) || v === '') continue;
		const to = enumValue(spec, v);
		if (to) out[v] = to;
	}
	return out;
}
