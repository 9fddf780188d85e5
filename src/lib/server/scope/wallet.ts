/**
 * The share-of-wallet block under any filters (DESIGN §4 "Scope under filters"). The estimate is made
 * once per period for the whole company (src/lib/server/metrics/wallet.ts, the estimator's own module);
 * a filter carries its part of it by the rule of src/lib/ledger/wallet-scope.ts. So a new filter set
 * never re-runs the estimator nor rescans the order lines: under a product filter it reads the incident
 * months' backordered lines (queries/scope/wallet_incident.sql, on derived.incident_lines).
 */
import type { MetricFilters } from '$lib/metrics/filters-type';
import { customerFiltered, productFiltered } from '$lib/scope';
import { filterNotEstimable, scaleWallet, treatedParts, type ProductShares, type WalletBlock } from '$lib/ledger/wallet-scope';
import { runQuery } from '../db';
import { walletEstimate, type WalletEstimate } from '../metrics/wallet';
import type { TreatedCustomer } from '$lib/metrics/wallet';
import { VersionCache } from '../version-cache';
import { storedAnswer } from '../answer-store';

export interface IncidentRow {
	customer_id: string;
	sku: string | null;
	category: string | null;
	supplier: string | null;
	/** t0 backordered value on the filtered products (lines when the month's value is 0) */
	value: number;
	/** the customer's whole t0 backordered value (or lines) */
	total: number;
}

const cache = new VersionCache(200);
/** The incident-month rows of the period's customers under the product filters (by SKU with byProduct). */
export function incidentRows(f: MetricFilters, byProduct: boolean, version?: string): Promise<IncidentRow[]> {
	const params = { from: f.from, to: f.to, category: f.category ?? null, supplier: f.supplier ?? null, sku: f.sku ?? null, by_product: byProduct };
	return cache.get(version, ['wallet_incident', params], async () => {
		const r = await runQuery<IncidentRow>('scope/wallet_incident', params);
		if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
		return r.rows;
	});
}

export function productShares(rows: readonly IncidentRow[]): ProductShares {
	const out = new Map<string, number>();
	for (const r of rows) out.set(r.customer_id, (out.get(r.customer_id) ?? 0) + (r.total > 0 ? r.value / r.total : 0));
	return out;
}

export interface WalletOptions {
	window?: number;
	version?: string;
}

/**
 * The company's estimate for the period and its treated customers (the pro-rata weights): the one wallet
 * panel the ledger, /drivers and /customers read. Every filter set shares it, and concurrent requests share
 * one computation (matching is CPU-bound on the server's one thread: fifty cold requests must not run it
 * fifty times). It is a kept answer (answer-store.ts): after a restart the first filter set the kept
 * answers do not cover waits for the read (tens of ms), not for the estimate (3 s at 10M lines).
 */
export async function companyWallet(f: MetricFilters, grossMargin: number, opts: WalletOptions = {}): Promise<{ est: WalletEstimate; treated: TreatedCustomer[] }> {
	const period = { from: f.from, to: f.to };
	const est = await storedAnswer('wallet', opts.version, [period, grossMargin, opts.window ?? null], () => walletEstimate(period, grossMargin, { window: opts.window }));
	return { est, treated: est.treated };
}

/** The ledger's wallet block for these filters, with the share of the company's loss they carry. */
export async function scopedWallet(
	f: MetricFilters,
	grossMargin: number,
	opts: WalletOptions = {}
): Promise<WalletBlock & { population_share: number; not_estimable: string | null }> {
	const { est, treated } = await companyWallet(f, grossMargin, opts);
	const reason = { not_estimable: est.not_estimable };
	if (!customerFiltered(f) && !productFiltered(f)) return { ...pick(est), population_share: 1, ...reason };
	const none = est.not_estimable ? null : filterNotEstimable(treated, f);
	if (none) return { treated_customers: 0, did_pct: null, did_low: null, did_high: null, lost_revenue: null, lost_margin: null, population_share: 0, not_estimable: none };
	const products = productFiltered(f) ? productShares(await incidentRows(f, false, opts.version)) : null;
	return { ...scaleWallet(est, treatedParts(treated, f, products)), ...reason };
}

function pick(w: WalletBlock): WalletBlock {
	const { treated_customers, did_pct, did_low, did_high, lost_revenue, lost_margin } = w;
	return { treated_customers, did_pct, did_low, did_high, lost_revenue, lost_margin };
}

export type { TreatedCustomer };
