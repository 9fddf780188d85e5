/**
 * The whitelist: each breakdown dimension, per source table, maps to one fixed SQL expression (or to
 * nothing, when that source cannot be placed on the dimension). The query templates in queries/drivers/
 * get these expressions substituted; a dimension name that is not in the list throws before any SQL is
 * built, and user values only ever travel as bound parameters.
 */
import { PRODUCT_DIMS, isDimension, type Dimension, type DriverFilters } from '$lib/drivers/dimensions';
import { filterParams } from '$lib/metrics/filters-type';
import { readSql, type Params } from '../db';

export type Source = 'lines' | 'contacts' | 'deals';
/** The whole-month sums of the lines (derived.line_months) stand in for the lines where they can. */
type Expressions = Record<Dimension, string | null>;

const CUSTOMER_EXPR = { segment: 'c.segment', region: 'c.region', sales_rep: 'c.sales_rep' } as const;

export const EXPRESSIONS: Record<Source, Record<Dimension, string | null>> = {
	lines: {
		sku: 'ol.sku',
		category: 'p.category',
		supplier: 'p.supplier',
		customer: 'ol.customer_id',
		...CUSTOMER_EXPR,
		channel: null,
		month: "strftime(ol.order_date, '%Y-%m')"
	},
	contacts: {
		sku: 'k.line_sku',
		category: 'k.line_category',
		supplier: 'k.line_supplier',
		customer: 'k.customer_id',
		...CUSTOMER_EXPR,
		channel: 'k.channel',
		month: "strftime(k.contact_at, '%Y-%m')"
	},
	deals: {
		sku: null,
		category: null,
		supplier: null,
		customer: 'o.customer_id',
		...CUSTOMER_EXPR,
		channel: null,
		month: "strftime(o.closed_date, '%Y-%m')"
	}
};

/** derived.line_months (alias m): the dimensions it carries. */
const LINE_MONTHS: Expressions = {
	sku: null,
	category: 'm.category',
	supplier: 'm.supplier',
	customer: null,
	segment: 'm.segment',
	region: 'm.region',
	sales_rep: 'm.sales_rep',
	channel: null,
	month: "strftime(m.month, '%Y-%m')"
};

/** Whether the lines source may read whole months from derived.line_months for these filters and dimensions. */
export function linesByMonth(f: { customer?: string | null; sku?: string | null }, dims: readonly (Dimension | null)[]): boolean {
	return f.customer == null && f.sku == null && dims.every((d) => d === null || LINE_MONTHS[d] !== null || EXPRESSIONS.lines[d] === null);
}

/** Whether contacts are placed on products: a product dimension (a product filter places them anyway). */
export const splitsContacts = (dims: readonly (Dimension | null)[]): boolean => dims.some((d) => d !== null && PRODUCT_DIMS.includes(d));

/**
 * The member expressions of a source for these dimensions: `attributed` is false when a dimension cannot
 * place the source, and for contacts over products when the contact has no order line to go by.
 */
export function memberExpressions(source: Source, dims: readonly Dimension[], table: Expressions = EXPRESSIONS[source]) {
	if (dims.some((d) => !isDimension(d))) throw new Error('unknown dimension');
	const exprs = dims.map((d) => table[d]);
	const placeable = exprs.every((e) => e !== null);
	const attributed = !placeable ? 'false' : source === 'contacts' && splitsContacts(dims) ? 'k.placed' : 'true';
	return {
		attributed,
		member: placeable && exprs[0] ? `(${exprs[0]})::VARCHAR` : 'NULL::VARCHAR',
		member2: placeable && exprs[1] ? `(${exprs[1]})::VARCHAR` : 'NULL::VARCHAR'
	};
}

/** Fills a template's tokens; a token left over is a bug, never SQL. */
export function fillTemplate(name: string, tokens: Record<string, string>): string {
	let sql = readSql(name);
	for (const [k, v] of Object.entries(tokens)) sql = sql.replaceAll(`__${k}__`, v);
	if (sql.includes('__')) throw new Error('unfilled template token');
	return sql;
}

/** The SQL of a source broken down by one or two whitelisted dimensions. */
export function breakdownSql(source: Source, dim: Dimension, dim2: Dimension | null = null): string {
	const dims = dim2 ? [dim, dim2] : [dim];
	const m = memberExpressions(source, dims);
	const label = m.member !== 'NULL::VARCHAR' && dim === 'customer' ? 'any_value(c.name)::VARCHAR' : 'NULL::VARCHAR';
	const tokens: Record<string, string> = { ATTRIBUTED: m.attributed, MEMBER2: m.member2, MEMBER: m.member, LABEL: label };
	if (source === 'lines') {
		// unused (no rows) when $by_month is false; then any valid expression will do
		const mm = memberExpressions(source, dims, LINE_MONTHS);
		Object.assign(tokens, { M_ATTRIBUTED: mm.attributed, M_MEMBER2: mm.member2, M_MEMBER: mm.member });
	}
	return fillTemplate(`drivers/${source}`, tokens);
}

/** Every parameter the drivers queries bind: the filters (NULL when unset) and the explorer's own. */
export function driverParams(f: DriverFilters, keywordPattern: string, split = false): Params {
	return { ...filterParams(f), channel: f.channel ?? null, keyword_pattern: keywordPattern, split };
}
