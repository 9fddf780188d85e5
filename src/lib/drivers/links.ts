/**
 * The cost drivers' URLs, out of the page so they are tested: the query string of an API call or export
 * (the page's global filters + the picks a view applies), a link to /drivers from another page, and what
 * a click on a heat-map cell does to the picks. Pure, safe in the browser.
 */
import { COST_KEYS, DIMENSIONS, pickString, type CostKey, type Dimension, type Pick } from './dimensions';

/** The view's own URL keys: the API and exports get the global filters without them. */
const VIEW_KEYS = ['dim', 'hx', 'hy', 'pick', 'cost'];

/** The cost component a view focuses on (`?cost=service_cost`): the Pareto and the table's sort use it. */
export function readCost(params: URLSearchParams): CostKey | null {
	const v = params.get('cost');
	return (COST_KEYS as readonly string[]).includes(v ?? '') ? (v as CostKey) : null;
}

/**
 * Where a click on a ledger waterfall bar goes: a cost component opens /drivers focused on it, broken
 * down by the dimension that explains it best (contacts by channel, sales time by rep, cancellations by
 * SKU, wallet and deal losses by customer); the total and net open /drivers on all components; the
 * holding savings open /capital. Keys are those of src/lib/ledger/components.ts and waterfallBars.
 */
const WATERFALL_TARGETS: Record<string, { dim: Dimension; cost: CostKey | null }> = {
	service: { dim: 'channel', cost: 'service_cost' },
	sales_time: { dim: 'sales_rep', cost: 'sales_cost' },
	sales_opportunity: { dim: 'sales_rep', cost: 'sales_opportunity_cost' },
	cancelled: { dim: 'sku', cost: 'cancelled_margin' },
	wallet: { dim: 'customer', cost: 'wallet_lost_margin' },
	deals: { dim: 'customer', cost: 'deals_expected_lost_margin' },
	total: { dim: 'supplier', cost: null },
	net: { dim: 'supplier', cost: null }
};

export function waterfallLink(filterQuery: string, key: string): string | null {
	if (key === 'savings') return `/capital${filterQuery}`;
	const t = WATERFALL_TARGETS[key];
	if (!t) return null;
	const link = driversLink(filterQuery, t.dim);
	return t.cost ? `${link}&cost=${t.cost}` : link;
}

/** The query string of a drivers API call: global filters of `search` + `picks` + `extra`. */
export function apiQuery(search: URLSearchParams, picks: readonly Pick[], extra: Record<string, string> = {}): string {
	const p = new URLSearchParams();
	for (const [k, v] of search) if (!VIEW_KEYS.includes(k)) p.append(k, v);
	for (const x of picks) p.append('pick', pickString(x));
	for (const [k, v] of Object.entries(extra)) p.set(k, v);
	return p.toString();
}

/** A link to /drivers from another page: its filter query (`?…` or ''), a dimension and picks. */
export function driversLink(filterQuery: string, dim: Dimension, picks: readonly Pick[] = []): string {
	const p = new URLSearchParams(filterQuery.replace(/^\?/, ''));
	p.set('dim', dim);
	for (const x of picks) p.append('pick', pickString(x));
	return `/drivers?${p.toString()}`;
}

/**
 * The picks after a click on the heat-map cell (row of `hy`, column of `hx`): the cell's two picks replace
 * any on those dimensions; a click on the cell already picked clears both.
 */
export function cellPicks(picks: readonly Pick[], hy: Dimension, hx: Dimension, row: string, col: string): Pick[] {
	const others = picks.filter((q) => q.dim !== hy && q.dim !== hx);
	const same = picks.some((q) => q.dim === hy && q.value === row) && picks.some((q) => q.dim === hx && q.value === col);
	if (same) return others;
	return [...others, { dim: hy, value: row }, { dim: hx, value: col }].sort((a, b) => DIMENSIONS.indexOf(a.dim) - DIMENSIONS.indexOf(b.dim));
}

/** The drill-down's query: the view's (filters and picks), the record kind, the member and the search. */
export function drillQuery(query: string, kind: string, member: string | null, search: string): URLSearchParams {
	const p = new URLSearchParams(query);
	p.set('kind', kind);
	if (member) p.set('m', member);
	if (search) p.set('q', search);
	return p;
}

/** One page of it. */
export function drillPageQuery(params: URLSearchParams, limit: number, offset: number): string {
	const p = new URLSearchParams(params);
	p.set('limit', String(limit));
	p.set('offset', String(offset));
	return p.toString();
}
