/**
 * How a product filter reaches contacts (DESIGN §4 "Scope under filters"), for every query that counts
 * them (the ledger's contacts, the drivers' contact source): through the contact's order. Under a product
 * filter the answer is the contacts placed on the filtered products (in scope) and, not attributable, the
 * contacts no order line places. Those are the same under every product filter, so they are the unplaced
 * rows of the same question asked without product filters: one query that every product filter shares.
 */
import { productFiltered } from '$lib/scope';
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { Params } from '../db';

/** The product filters, none set. */
export const NO_PRODUCT = { category: null, supplier: null, sku: null };

/**
 * `ask` answered for `params`, split by placement. `unplaced` tells a row of contacts no order line places;
 * `withoutProducts` is what the no-product question sets (the product filters unset, and anything else the
 * query needs to tell placed rows from unplaced ones).
 */
export async function byPlacement<R>(
	params: Params,
	ask: (p: Params) => Promise<R[]>,
	unplaced: (r: R) => boolean,
	withoutProducts: Params = NO_PRODUCT
): Promise<{ inScope: R[]; notAttributable: R[] }> {
	if (!productFiltered(params as Partial<MetricFilters>)) return { inScope: await ask(params), notAttributable: [] };
	const [placed, all] = await Promise.all([ask(params), ask({ ...params, ...withoutProducts })]);
	return { inScope: placed, notAttributable: all.filter(unplaced) };
}
