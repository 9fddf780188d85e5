/**
 * The working-capital page's data (DESIGN §4 "Holding savings" and "Economic service level"): inventory
 * value per snapshot date, holding by category and supplier, and per SKU demand and stock priced into the
 * service-level curve, today's position, the optimum, the what-if grid and the SKUs furthest from their
 * optimum.
 *
 * The per-SKU query scans every order line of the period (~1.5 s at 10M lines); it depends only on the
 * loaded data, the product filters and the period, so its rows are kept in a small LRU keyed by a data
 * fingerprint (meta.data_version + row counts) and those. The priced view is cached on top, keyed also by
 * b and the carrying rate. A reload bumps data_version, so nothing stale is served after an ingest.
 */
import { runQuery, type Params } from '$lib/server/db';
import { serviceLevelCurve, type ServiceLevelResult, type SkuDemand } from '$lib/metrics/service-level';
import { scaledCurve, type ScaledPoint } from '$lib/capital/whatif';
import { meanHoldingCost, skuEconomics, topGaps, type GapSummary } from '$lib/capital/sku';
import type { GroupRow, SeriesPoint } from '$lib/capital/holding';
import type { MetricFilters } from '$lib/metrics/filters-type';

export class CapitalError extends Error {}

interface VersionRow {
	data_version: string | null;
	order_lines: number;
	snapshots: number;
	products: number;
}

type ProductFilters = { category?: string | null; supplier?: string | null };

async function rows<T>(name: string, params: Params = {}): Promise<T[]> {
	const r = await runQuery<T>(`capital/${name}`, params);
	if (!r.ok) throw new CapitalError(`${r.error.query}: ${r.error.message}`);
	return r.rows;
}

/** Least-recently-used lookup: a hit moves to the back, the front is evicted past `keep`. */
function remember<V>(cache: Map<string, V>, key: string, keep: number, make: () => V): V {
	const hit = cache.get(key);
	if (hit !== undefined) {
		cache.delete(key);
		cache.set(key, hit);
		return hit;
	}
	const v = make();
	cache.set(key, v);
	while (cache.size > keep) cache.delete(cache.keys().next().value!);
	return v;
}

/** Caches a promise; a failed one is forgotten so the next request retries. */
function rememberAsync<V>(cache: Map<string, Promise<V>>, key: string, keep: number, make: () => Promise<V>): Promise<V> {
	return remember(cache, key, keep, () => {
		const p = make();
		p.catch(() => cache.delete(key));
		return p;
	});
}

const demandCache = new Map<string, Promise<SkuDemand[]>>();
const seriesCache = new Map<string, Promise<SeriesPoint[]>>();
const groupCache = new Map<string, Promise<GroupRow[]>>();
const viewCache = new Map<string, Promise<SkuSetView>>();
let demandQueries = 0;

export function clearCapitalCache(): void {
	demandCache.clear();
	seriesCache.clear();
	groupCache.clear();
	viewCache.clear();
}

/** How many times the per-SKU query has run (tests check the cache with it). */
export function skuDemandRuns(): number {
	return demandQueries;
}

export async function dataFingerprint(): Promise<string> {
	const r = (await rows<VersionRow>('data_version'))[0];
	return JSON.stringify([r?.data_version ?? null, r?.order_lines ?? 0, r?.snapshots ?? 0, r?.products ?? 0]);
}

const productKey = (f: ProductFilters) => [f.category ?? null, f.supplier ?? null];

/** Per-SKU demand and stock for the period and product filters, cached by data version. */
export function skuDemand(version: string, f: { from: string; to: string } & ProductFilters): Promise<SkuDemand[]> {
	const key = JSON.stringify([version, f.from, f.to, ...productKey(f)]);
	return rememberAsync(demandCache, key, 8, async () => {
		demandQueries++;
		return rows<SkuDemand>('sku_demand', { from: f.from, to: f.to, category: f.category ?? null, supplier: f.supplier ?? null });
	});
}

/** Inventory value per snapshot date (all dates) for the product filters. */
export function inventorySeries(version: string, f: ProductFilters): Promise<SeriesPoint[]> {
	const key = JSON.stringify([version, ...productKey(f)]);
	return rememberAsync(seriesCache, key, 8, () => rows<SeriesPoint>('inventory_series', { category: f.category ?? null, supplier: f.supplier ?? null }));
}

/** Baseline and period inventory value by category and supplier. */
export function holdingGroups(version: string, f: { from: string; to: string } & ProductFilters, baselineDays: number): Promise<GroupRow[]> {
	const key = JSON.stringify([version, f.from, f.to, ...productKey(f), baselineDays]);
	return rememberAsync(groupCache, key, 8, () =>
		rows<GroupRow>('holding_by_group', { from: f.from, to: f.to, category: f.category ?? null, supplier: f.supplier ?? null, baseline_days: baselineDays })
	);
}

/** One SKU set priced: the curve, today, the optimum, the what-if grid and the largest gaps. */
export interface SkuSetView {
	label: string;
	result: ServiceLevelResult;
	scaled: ScaledPoint[];
	gaps: GapSummary;
	/** demand-weighted holding cost per unit-year */
	h: number | null;
}

const TOP_GAPS = 20;

export function priceSkuSet(label: string, skus: readonly SkuDemand[], b: number, carryingRate: number): SkuSetView {
	const opts = { backorderCost: b, carryingRate };
	const per = skus.map((s) => skuEconomics(s, opts));
	return {
		label,
		result: serviceLevelCurve(skus, opts),
		scaled: scaledCurve(skus, opts),
		gaps: topGaps(per, TOP_GAPS),
		h: meanHoldingCost(per)
	};
}

function skuSet(version: string, label: string, f: { from: string; to: string } & ProductFilters, b: number, rate: number): Promise<SkuSetView> {
	const key = JSON.stringify([version, f.from, f.to, ...productKey(f), b, rate]);
	return rememberAsync(viewCache, key, 8, async () => priceSkuSet(label, await skuDemand(version, f), b, rate));
}

export interface CapitalData {
	series: SeriesPoint[];
	groups: GroupRow[];
	/** the SKUs passing the product filters */
	filtered: SkuSetView;
	/** every SKU, when a product filter is set (else the filtered set is all of them) */
	all: SkuSetView | null;
	timings_ms: Record<string, number>;
}

/**
 * Everything the page draws for complete filters, given b (cost per backordered unit, measured by the
 * ledger) and the scenario's carrying rate and baseline window. Throws CapitalError on a query failure.
 */
export async function capitalData(
	filters: MetricFilters,
	b: number | Promise<number>,
	carryingRate: number,
	baselineDays: number
): Promise<CapitalData> {
	const t0 = performance.now();
	const version = await dataFingerprint();
	const period = { from: filters.from, to: filters.to };
	const product = { category: filters.category ?? null, supplier: filters.supplier ?? null };
	const hasProductFilter = product.category !== null || product.supplier !== null;
	const label = hasProductFilter ? [product.category, product.supplier].filter(Boolean).join(' · ') : 'All SKUs';
	// the scans start now; pricing waits for b (the ledger measures it meanwhile)
	const seriesP = inventorySeries(version, product);
	const groupsP = holdingGroups(version, { ...period, ...product }, baselineDays);
	const demandP = Promise.all([skuDemand(version, { ...period, ...product }), hasProductFilter ? skuDemand(version, period) : null]);
	demandP.catch(() => {});
	const bv = Math.max(0, (await b) || 0);
	const [series, groups, filtered, all] = await Promise.all([
		seriesP,
		groupsP,
		skuSet(version, label, { ...period, ...product }, bv, carryingRate),
		hasProductFilter ? skuSet(version, 'All SKUs', period, bv, carryingRate) : Promise.resolve(null),
		demandP
	]);
	return { series, groups, filtered, all, timings_ms: { total: Math.round((performance.now() - t0) * 10) / 10 } };
}
