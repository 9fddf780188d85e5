/**
 * The filter object every metric query binds (DESIGN §4: period `from`..`to` inclusive; filters restrict
 * customers by segment/region and products by category/supplier). Pure type module, safe in the browser.
 *
 * SQL convention: `$from::DATE`, `$to::DATE`, and `($segment IS NULL OR c.segment = $segment)` etc.;
 * an order line counts when both its customer and its product pass. null/undefined = no filter.
 */
export type MetricFilters = {
	/** ISO date YYYY-MM-DD, inclusive */
	from: string;
	/** ISO date YYYY-MM-DD, inclusive */
	to: string;
	segment?: string | null;
	region?: string | null;
	category?: string | null;
	supplier?: string | null;
	/** customers.sales_rep */
	sales_rep?: string | null;
	/** one customer, by customer_id */
	customer?: string | null;
};

/** The filters as query parameters: absent filters bind as NULL so `$x IS NULL` disables them. */
export function filterParams(f: MetricFilters): {
	from: string;
	to: string;
	segment: string | null;
	region: string | null;
	category: string | null;
	supplier: string | null;
	sales_rep: string | null;
	customer: string | null;
} {
	return {
		from: f.from,
		to: f.to,
		segment: f.segment ?? null,
		region: f.region ?? null,
		category: f.category ?? null,
		supplier: f.supplier ?? null,
		sales_rep: f.sales_rep ?? null,
		customer: f.customer ?? null
	};
}
