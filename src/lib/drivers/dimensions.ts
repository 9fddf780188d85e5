/**
 * The cost drivers explorer's vocabulary: the dimensions a breakdown may use (a whitelist — the server maps
 * each name to a fixed SQL expression, user text is never spliced), cross-filter picks and their URL form
 * (`?dim=supplier&pick=supplier:Acme&pick=month:2026-03`), and how picks narrow the filters. Pure, safe in
 * the browser.
 */
import type { MetricFilters } from '$lib/metrics/filters-type';
import { MAX_FILTER_LENGTH } from '$lib/filters';

export const DIMENSIONS = ['sku', 'category', 'supplier', 'customer', 'segment', 'region', 'sales_rep', 'channel', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
	sku: 'SKU',
	category: 'Category',
	supplier: 'Supplier',
	customer: 'Customer',
	segment: 'Segment',
	region: 'Region',
	sales_rep: 'Sales rep',
	channel: 'Contact channel',
	month: 'Month'
};

/** Plural nouns for sentences ("12 of 40 suppliers"). */
export const DIMENSION_PLURALS: Record<Dimension, string> = {
	sku: 'SKUs',
	category: 'categories',
	supplier: 'suppliers',
	customer: 'customers',
	segment: 'segments',
	region: 'regions',
	sales_rep: 'sales reps',
	channel: 'channels',
	month: 'months'
};

export const PRODUCT_DIMS: readonly Dimension[] = ['sku', 'category', 'supplier'];
export const CUSTOMER_DIMS: readonly Dimension[] = ['customer', 'segment', 'region', 'sales_rep'];

export const isDimension = (s: string | null | undefined): s is Dimension => !!s && (DIMENSIONS as readonly string[]).includes(s);

/** The cost components of a breakdown row, in the order of the ledger (src/lib/ledger/components.ts). */
export const COST_KEYS = ['service_cost', 'sales_cost', 'sales_opportunity_cost', 'cancelled_margin', 'wallet_lost_margin', 'deals_expected_lost_margin'] as const;
export type CostKey = (typeof COST_KEYS)[number];
export const COST_LABELS: Record<CostKey, string> = {
	service_cost: 'Service contacts',
	sales_cost: 'Sales time',
	sales_opportunity_cost: 'Selling time lost',
	cancelled_margin: 'Cancelled margin',
	wallet_lost_margin: 'Share-of-wallet loss',
	deals_expected_lost_margin: 'Deals lost'
};

/** Which components a dimension can place on its members; the rest of each goes to "unattributed". */
export function attributable(dim: Dimension): Record<CostKey, boolean> {
	const product = PRODUCT_DIMS.includes(dim);
	const customer = CUSTOMER_DIMS.includes(dim);
	const month = dim === 'month';
	return {
		service_cost: true,
		sales_cost: true,
		sales_opportunity_cost: true,
		cancelled_margin: product || customer || month,
		wallet_lost_margin: product || customer || month,
		deals_expected_lost_margin: customer || month
	};
}

/** A cross-filter choice: one member of one dimension; `value: null` picks the members with no value. */
export interface Pick {
	dim: Dimension;
	value: string | null;
}

/** `(none)` in a pick's URL form stands for a member whose attribute is empty. */
export const NONE_TOKEN = '(none)';

export function parsePick(s: string): Pick | null {
	const i = s.indexOf(':');
	if (i <= 0) return null;
	const dim = s.slice(0, i);
	const raw = s.slice(i + 1);
	if (!isDimension(dim) || raw === '' || raw.length > MAX_FILTER_LENGTH) return null;
	if (dim === 'month' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(raw)) return null;
	return { dim, value: raw === NONE_TOKEN ? null : raw };
}

export const pickString = (p: Pick): string => `${p.dim}:${p.value ?? NONE_TOKEN}`;

/** The picks of a URL: valid ones only, at most one per dimension (the last wins), in dimension order. */
export function readPicks(params: URLSearchParams): Pick[] {
	const by = new Map<Dimension, Pick>();
	for (const s of params.getAll('pick')) {
		const p = parsePick(s);
		if (p) by.set(p.dim, p);
	}
	return DIMENSIONS.filter((d) => by.has(d)).map((d) => by.get(d)!);
}

export function samePick(a: Pick, b: Pick): boolean {
	return a.dim === b.dim && a.value === b.value;
}

/** Picks with `p` added (replacing a pick of the same dimension), or removed when it is already there. */
export function togglePick(picks: readonly Pick[], p: Pick): Pick[] {
	if (picks.some((q) => samePick(q, p))) return picks.filter((q) => !samePick(q, p));
	return [...picks.filter((q) => q.dim !== p.dim), p].sort((a, b) => DIMENSIONS.indexOf(a.dim) - DIMENSIONS.indexOf(b.dim));
}

/** The explorer's own URL state (the global filters are read by the layout). */
export interface DriverView {
	/** the breakdown's dimension: table and Pareto */
	dim: Dimension;
	/** the heat map's rows and columns */
	hy: Dimension;
	hx: Dimension;
	picks: Pick[];
}

export const DEFAULT_VIEW: Omit<DriverView, 'picks'> = { dim: 'supplier', hy: 'category', hx: 'month' };

export function readView(params: URLSearchParams): DriverView {
	const get = (k: string, d: Dimension): Dimension => {
		const v = params.get(k);
		return isDimension(v) ? v : d;
	};
	const dim = get('dim', DEFAULT_VIEW.dim);
	let hx = get('hx', DEFAULT_VIEW.hx);
	let hy = get('hy', dim === 'category' ? 'supplier' : DEFAULT_VIEW.hy);
	if (hx === hy) {
		hx = DEFAULT_VIEW.hx;
		if (hx === hy) hy = 'category';
	}
	return { dim, hy, hx, picks: readPicks(params) };
}

/** Writes the view onto a copy of `base`, leaving defaults out. */
export function writeView(v: DriverView, base: URLSearchParams): URLSearchParams {
	const out = new URLSearchParams();
	for (const [k, val] of base) if (!['dim', 'hx', 'hy', 'pick'].includes(k)) out.append(k, val);
	if (v.dim !== DEFAULT_VIEW.dim) out.set('dim', v.dim);
	const hyDefault = v.dim === 'category' ? 'supplier' : DEFAULT_VIEW.hy;
	if (v.hy !== hyDefault) out.set('hy', v.hy);
	if (v.hx !== DEFAULT_VIEW.hx) out.set('hx', v.hx);
	for (const p of v.picks) out.append('pick', pickString(p));
	return out;
}

/** The filters plus the restriction only the explorer has: one contact channel (a pick). */
export type DriverFilters = MetricFilters & { channel?: string | null };

/** Dimensions the ledger filters know; a pick on them is exactly that filter. */
const AS_FILTER: readonly Dimension[] = ['category', 'supplier', 'segment', 'region', 'sales_rep', 'customer', 'sku', 'channel'];

export type PickedFilters = { ok: true; filters: DriverFilters } | { ok: false; reason: string };

/**
 * Applies picks to filters. A pick on a dimension that already has a different filter value selects
 * nothing (reported, not silently widened); a month pick narrows the period to that month. A pick of the
 * empty member (value null) cannot be expressed as a filter and is refused.
 */
export function applyPicks(f: DriverFilters, picks: readonly Pick[]): PickedFilters {
	const out: DriverFilters = { ...f };
	for (const p of picks) {
		if (p.value === null) return { ok: false, reason: `members without a ${DIMENSION_LABELS[p.dim].toLowerCase()} cannot be picked` };
		if (p.dim === 'month') {
			const from = `${p.value}-01`;
			const [y, m] = p.value.split('-').map(Number);
			const to = `${p.value}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
			const a = from > out.from ? from : out.from;
			const b = to < out.to ? to : out.to;
			if (a > b) return { ok: false, reason: `${p.value} lies outside the period` };
			out.from = a;
			out.to = b;
		} else if (AS_FILTER.includes(p.dim)) {
			const key = p.dim as Exclude<Dimension, 'month'>;
			const cur = out[key];
			if (cur != null && cur !== p.value) return { ok: false, reason: `the ${DIMENSION_LABELS[p.dim].toLowerCase()} filter is already ${cur}` };
			out[key] = p.value;
		}
	}
	return { ok: true, filters: out };
}

/** A view's picks minus those on the dimensions it shows (those are highlighted, not filtered). */
export function picksExcept(picks: readonly Pick[], ...dims: Dimension[]): Pick[] {
	return picks.filter((p) => !dims.includes(p.dim));
}
