/**
 * The one filter type (DESIGN §4: period `from`..`to` inclusive; customer filters segment, region, sales
 * rep and one customer; product filters category, supplier and one SKU). The API, the pages, the URL
 * state and every query bind this. Pure type module, safe in the browser.
 *
 * SQL: the filters are bound as `$segment`, `$region`, … (NULL = no filter) and applied only through the
 * scope macros of queries/scope/macros.sql; src/lib/scope.ts says what each does to each figure.
 */

/** Filters that restrict customers (segment, region, sales rep, one customer by id) or products. */
export const FILTER_DIMENSIONS = ['segment', 'region', 'category', 'supplier', 'sales_rep', 'customer', 'sku'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

export type MetricFilters = {
	/** ISO date YYYY-MM-DD, inclusive */
	from: string;
	/** ISO date YYYY-MM-DD, inclusive */
	to: string;
} & { [D in FilterDimension]?: string | null };

/** The filters as query parameters: absent filters bind as NULL so `$x IS NULL` disables them. */
export function filterParams(f: MetricFilters): { from: string; to: string } & Record<FilterDimension, string | null> {
	const out = { from: f.from, to: f.to } as { from: string; to: string } & Record<FilterDimension, string | null>;
	for (const d of FILTER_DIMENSIONS) out[d] = f[d] ?? null;
	return out;
}

/** The filter values only, every dimension present (null = not set): the echo in answers. */
export function filterValues(f: Partial<MetricFilters>): Record<FilterDimension, string | null> {
	const out = {} as Record<FilterDimension, string | null>;
	for (const d of FILTER_DIMENSIONS) out[d] = f[d] ?? null;
	return out;
}
