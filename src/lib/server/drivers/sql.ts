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
		category: 'p.category',
		supplier: 'p.supplier',
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

/** The template a source reads for these dimensions (contacts split over products when one is a product). */
export function templateName(source: Source, dims: readonly Dimension[]): string {
	if (source === 'contacts' && dims.some((d) => PRODUCT_DIMS.includes(d))) return 'drivers/contacts_split';
	return `drivers/${source}`;
}

/** The SQL of a source broken down by one or two whitelisted dimensions. */
export function breakdownSql(source: Source, dim: Dimension, dim2: Dimension | null = null): string {
	if (!isDimension(dim) || (dim2 !== null && !isDimension(dim2))) throw new Error('unknown dimension');
	const dims = dim2 ? [dim, dim2] : [dim];
	const exprs = dims.map((d) => EXPRESSIONS[source][d]);
	const placeable = exprs.every((e) => e !== null);
	const split = templateName(source, dims).endsWith('_split');
	const attributed = !placeable ? 'false' : split && dims.some((d) => PRODUCT_DIMS.includes(d)) ? '(k.line_sku IS NOT NULL)' : 'true';
	const member = placeable ? `(${exprs[0]})::VARCHAR` : 'NULL::VARCHAR';
	const member2 = placeable && dim2 ? `(${exprs[1]})::VARCHAR` : 'NULL::VARCHAR';
	const label = placeable && dim === 'customer' ? 'any_value(c.name)::VARCHAR' : 'NULL::VARCHAR';
	const sql = readSql(templateName(source, dims))
		.replaceAll('__ATTRIBUTED__', attributed)
		.replaceAll('__MEMBER2__', member2)
		.replaceAll('__MEMBER__', member)
		.replaceAll('__LABEL__', label);
	if (sql.includes('__')) throw new Error('unfilled template token');
	return sql;
}

/** Every parameter the drivers queries bind: the filters (NULL when unset) and the explorer's own. */
export function driverParams(f: DriverFilters, keywordPattern: string): Params {
	return { ...filterParams(f), sku: f.sku ?? null, channel: f.channel ?? null, keyword_pattern: keywordPattern };
}
