/**
 * The working-capital page's data (DESIGN §4 "Holding savings" and "Economic service level"): inventory
 * value per snapshot date, holding by category and supplier, and per SKU demand and stock priced into the
 * service-level curve, today's position, the optimum, the what-if grid and the SKUs furthest from their
 * optimum.
 *
 * The per-SKU query scans every order line of the period (~1.5 s at 10M lines); it depends only on the
 * loaded data, the product filters and the period, so its rows are kept per data version (VersionCache,
 * keyed by the one fingerprint of src/lib/server/data-version.ts). The priced view is cached on top, keyed
 * also by b and the carrying rate. A load moves the version, so nothing stale is served after it.
 */
import { runQuery, type Params } from '$lib/server/db';
import { serviceLevelCurve, type ServiceLevelResult, type SkuDemand } from '$lib/metrics/service-level';
import { scaledCurve, type ScaledPoint } from '$lib/capital/whatif';
import { meanHoldingCost, skuEconomics, topGaps, type GapSummary } from '$lib/capital/sku';
import type { GroupRow, SeriesPoint } from '$lib/capital/holding';
import type { MetricFilters } from '$lib/metrics/filters-type';
import { capitalTerms, costPerBackorderedUnit, type CapitalTerms } from '$lib/capital/terms';
import { VersionCache } from '../version-cache';
import { dataVersion } from '../data-version';
import { storedAnswer } from '../answer-store';

export class CapitalError extends Error {}

type ProductFilters = { category?: string | null; supplier?: string | null; sku?: string | null };

async function rows<T>(name: string, params: Params = {}): Promise<T[]> {
	const r = await runQuery<T>(`capital/${name}`, params);
	if (!r.ok) throw new CapitalError(`${r.error.query}: ${r.error.message}`);
	return r.rows;
}

const demandCache = new VersionCache(8);
const seriesCache = new VersionCache(8);
const groupCache = new VersionCache(8);
const viewCache = new VersionCache(8);
let demandQueries = 0;

export function clearCapitalCache(): void {
	for (const c of [demandCache, seriesCache, groupCache, viewCache]) c.clear();
}

/** How many times the per-SKU query has run (tests check the cache with it). */
export function skuDemandRuns(): number {
	return demandQueries;
}

const productKey = (f: ProductFilters) => [f.category ?? null, f.supplier ?? null, f.sku ?? null];
const productParams = (f: ProductFilters) => ({ category: f.category ?? null, supplier: f.supplier ?? null, sku: f.sku ?? null });

/** Per-SKU demand and stock for the period and product filters, cached by data version. */
export function skuDemand(version: string | undefined, f: { from: string; to: string } & ProductFilters): Promise<SkuDemand[]> {
	return demandCache.get(version, [f.from, f.to, ...productKey(f)], async () => {
		demandQueries++;
		return rows<SkuDemand>('sku_demand', { from: f.from, to: f.to, ...productParams(f) });
	});
}

/** Inventory value per snapshot date (all dates) for the product filters. */
export function inventorySeries(version: string | undefined, f: ProductFilters): Promise<SeriesPoint[]> {
	return seriesCache.get(version, productKey(f), () => rows<SeriesPoint>('inventory_series', productParams(f)));
}

/** Baseline and period inventory value by category and supplier. */
export function holdingGroups(version: string | undefined, f: { from: string; to: string } & ProductFilters, baselineDays: number): Promise<GroupRow[]> {
	return groupCache.get(version, [f.from, f.to, ...productKey(f), baselineDays], () =>
		rows<GroupRow>('holding_by_group', { from: f.from, to: f.to, ...productParams(f), baseline_days: baselineDays })
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

function skuSet(version: string | undefined, label: string, f: { from: string; to: string } & ProductFilters, b: number, rate: number): Promise<SkuSetView> {
	return viewCache.get(version, [label, f.from, f.to, ...productKey(f), b, rate], async () => priceSkuSet(label, await skuDemand(version, f), b, rate));
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
	const version = await dataVersion();
	const bv = Math.max(0, (await b) || 0);
	// kept in the database file (answer-store.ts); b keys it, so a scenario that prices backorders
	// differently is another answer
	return storedAnswer('capital', version, [filters, bv, carryingRate, baselineDays], () => computeCapital(version, filters, bv, carryingRate, baselineDays), {
		fromFile: (c, ms) => ({ ...c, timings_ms: { stored_answer: ms } }),
		fromMemory: (c, ms) => ({ ...c, timings_ms: { cached: ms } })
	});
}

async function computeCapital(version: string | undefined, filters: MetricFilters, bv: number, carryingRate: number, baselineDays: number): Promise<CapitalData> {
	const t0 = performance.now();
	const period = { from: filters.from, to: filters.to };
	const product = { category: filters.category ?? null, supplier: filters.supplier ?? null, sku: filters.sku ?? null };
	const hasProductFilter = product.category !== null || product.supplier !== null || product.sku !== null;
	const label = hasProductFilter ? [product.category, product.supplier, product.sku].filter(Boolean).join(' · ') : 'All SKUs';
	const seriesP = inventorySeries(version, product);
	const groupsP = holdingGroups(version, { ...period, ...product }, baselineDays);
	const demandP = Promise.all([skuDemand(version, { ...period, ...product }), hasProductFilter ? skuDemand(version, period) : null]);
	demandP.catch(() => {});
	const [series, groups, filtered, all] = await Promise.all([
		seriesP,
		groupsP,
		skuSet(version, label, { ...period, ...product }, bv, carryingRate),
		hasProductFilter ? skuSet(version, 'All SKUs', period, bv, carryingRate) : Promise.resolve(null),
		demandP
	]);
	return { series, groups, filtered, all, timings_ms: { total: Math.round((performance.now() - t0) * 10) / 10 } };
}

/**
 * b, h and b/(b+h) for surfaces that show them without the whole curve (the ledger PDF): the same
 * capitalData (cached) and the same capitalTerms as /capital and the present deck.
 */
export async function capitalTermsFor(
	filters: MetricFilters,
	summary: { total_backorder_cost: number; orders: { backordered_qty: number } },
	carryingRate: number,
	baselineDays: number
): Promise<CapitalTerms> {
	const b = costPerBackorderedUnit(summary.total_backorder_cost, summary.orders.backordered_qty) ?? 0;
	const c = await capitalData(filters, b, carryingRate, baselineDays);
	return capitalTerms({ totalBackorderCost: summary.total_backorder_cost, backorderedQty: summary.orders.backordered_qty, h: c.filtered.h });
}
