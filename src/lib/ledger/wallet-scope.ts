/**
 * How the share-of-wallet loss — one estimate for the whole company and period — is placed on a filter
 * (the rule of src/lib/scope.ts, REACH.wallet): each treated customer carries lost · preᵢ / Σpre (its
 * revenue in the window before its incident), a customer filter keeps the part of its customers, and a
 * product filter keeps, of each customer's part, the share of its incident month's backordered value on
 * those products. Over any partition the parts add up to the estimate. Pure.
 */
import { customerFiltered, customerPasses } from '$lib/scope';
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { WalletFigures } from '$lib/metrics/ledger';

export interface TreatedUnit {
	id: string;
	segment: string | null;
	region: string | null;
	sales_rep: string | null;
	pre: number;
}

/** Per treated customer: the share of its incident month's backordered value on the filtered products. */
export type ProductShares = ReadonlyMap<string, number>;

/** The part of the company's loss each treated customer carries under the filters (fractions of 1). */
export function treatedParts(treated: readonly TreatedUnit[], f: Partial<MetricFilters>, products: ProductShares | null): number[] {
	const all = treated.reduce((s, t) => s + t.pre, 0);
	if (!(all > 0)) return treated.map(() => 0);
	return treated.map((t) => (customerPasses(t, f) ? (t.pre / all) * (products ? (products.get(t.id) ?? 0) : 1) : 0));
}

/**
 * Why a customer filter has no wallet figure (DESIGN §4: n/a, never $0): none of its customers is among
 * the treated, so the estimate says nothing about them — big buyers, for one, often meet their first
 * backorder before any period with six months of history. A product filter alone always has an answer
 * (its part of the treated customers' incidents, which may truly be zero).
 */
export function filterNotEstimable(treated: readonly TreatedUnit[], f: Partial<MetricFilters>): string | null {
	if (!customerFiltered(f) || treated.some((t) => customerPasses(t, f))) return null;
	return 'no customer in these filters had a first backorder in the period with six months of data before and after it, so their share-of-wallet change cannot be measured';
}

/** The ledger's wallet block (§6). */
export type WalletBlock = WalletFigures;

/** The ledger's wallet block for a filter: the estimate's money times the filter's part; did stays whole. */
export function scaleWallet(est: WalletBlock, parts: readonly number[]): WalletBlock & { population_share: number } {
	const share = parts.reduce((s, p) => s + p, 0);
	const scale = (v: number | null) => (v === null ? null : v * share);
	return {
		treated_customers: parts.filter((p) => p > 0).length,
		did_pct: est.did_pct,
		did_low: est.did_low,
		did_high: est.did_high,
		lost_revenue: scale(est.lost_revenue),
		lost_margin: scale(est.lost_margin),
		population_share: share
	};
}
