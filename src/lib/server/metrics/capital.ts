/**
 * The working-capital page's data (DESIGN §4 "Holding savings" and "Economic service level"): inventory
 * value per snapshot date, holding by category and supplier, and per SKU demand and stock priced into the
 * service-level curve, today's position, the optimum, the what-if grid and the SKUs furthest from their
 * optimum.
 *
 * The per-SKU query scans every order line of the period (~1.5 s at 10M lines); with the inventory scans it
 * depends only on the loaded data, the product filters, the period and the baseline window, so those rows
 * are the kept answer (in memory and in the database file, keyed by the one fingerprint of
 * src/lib/server/data-version.ts). Pricing them at b and the carrying rate happens in the process, cached
 * per b and rate. A load moves the version, so nothing stale is served after it.
 */
import { runQuery, type Params } from '$lib/server/db';
import { serviceLevelCurve, type ServiceLevelResult, type SkuDemand } from '$lib/metrics/service-level';
import { priceScaled, scaledExposure, scaledExposureSteps, type ScaledExposure, type ScaledPoint } from '$lib/capital/whatif';
import { inSlices } from '../slices';
import { meanHoldingCost, skuEconomics, topGaps, type GapSummary } from '$lib/capital/sku';
import type { GroupRow, SeriesPoint } from '$lib/capital/holding';
import type { MetricFilters } from '$lib/metrics/filters-type';
import { capitalTerms, ledgerB, type CapitalTerms } from '$lib/capital/terms';
import { VersionCache } from '../version-cache';
import { dataVersion } from '../data-version';
import { storedAnswer } from '../answer-store';
import { NO_PRODUCT } from '../scope/placement';

export class CapitalError extends Error {}

type ProductFilters = { category?: string | null; supplier?: string | null; sku?: string | null };

async function rows<T>(name: string, params: Params = {}): Promise<T[]> {
	const r = await runQuery<T>(`capital/${name}`, params);
	if (!r.ok) throw new CapitalError(`${r.error.query}: ${r.error.message}`);
	return r.rows;
}

const demandCache = new VersionCache(8);
const viewCache = new VersionCache(16);
let demandQueries = 0;

export function clearCapitalCache(): void {
	for (const c of [demandCache, viewCache]) c.clear();
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

/** `exposure`: the set's scaledExposure when already computed (it is the costly part and b-independent). */
export function priceSkuSet(label: string, skus: readonly SkuDemand[], b: number, carryingRate: number, exposure = scaledExposure(skus)): SkuSetView {
	const opts = { backorderCost: b, carryingRate };
	const per = skus.map((s) => skuEconomics(s, opts));
	return {
		label,
		result: serviceLevelCurve(skus, opts),
		scaled: priceScaled(exposure, b, carryingRate),
		gaps: topGaps(per, TOP_GAPS),
		h: meanHoldingCost(per)
	};
}

/**
 * What the page reads from the database for a period, product filters and baseline window: inventory value
 * per snapshot date, holding by category and supplier, and per-SKU demand and stock. None of it depends on
 * b or the carrying rate, so it is the kept answer (answer-store.ts), and its scans start before the ledger
 * has measured b: an unseen filter set waits for the slower of the two, not for their sum.
 */
interface CapitalScans {
	series: SeriesPoint[];
	groups: GroupRow[];
	demand: SkuDemand[];
	/** what scaling every SKU's stock does, unpriced (whatif.ts) */
	exposure: ScaledExposure;
	timings_ms: Record<string, number>;
}

function capitalScans(version: string | undefined, period: { from: string; to: string }, product: ProductFilters, baselineDays: number): Promise<CapitalScans> {
	const make = async (): Promise<CapitalScans> => {
		const t0 = performance.now();
		const [series, groups, demand] = await Promise.all([
			rows<SeriesPoint>('inventory_series', productParams(product)),
			rows<GroupRow>('holding_by_group', { ...period, ...productParams(product), baseline_days: baselineDays }),
			skuDemand(version, { ...period, ...product })
		]);
		const t1 = performance.now();
		return { series, groups, demand, exposure: await inSlices(scaledExposureSteps(demand)), timings_ms: { scans: ms(t0), exposure: ms(t1) } };
	};
	return storedAnswer('capital-scans', version, [period.from, period.to, ...productKey(product), baselineDays], make, {
		fromFile: (c, t) => ({ ...c, timings_ms: { stored_answer: t } }),
		fromMemory: (c, t) => ({ ...c, timings_ms: { cached: t } })
	});
}

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

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
 * ledger) and the scenario's carrying rate and baseline window. Only the period and the product filters
 * apply: stock is held for all customers. Throws CapitalError on a query failure.
 */
export async function capitalData(
	filters: MetricFilters,
	b: number | Promise<number>,
	carryingRate: number,
	baselineDays: number
): Promise<CapitalData> {
	const t0 = performance.now();
	const version = await dataVersion();
	const period = { from: filters.from, to: filters.to };
	const product = { category: filters.category ?? null, supplier: filters.supplier ?? null, sku: filters.sku ?? null };
	const hasProductFilter = product.category !== null || product.supplier !== null || product.sku !== null;
	const label = hasProductFilter ? [product.category, product.supplier, product.sku].filter(Boolean).join(' · ') : 'All SKUs';
	const scansP = capitalScans(version, period, product, baselineDays);
	const allP = hasProductFilter ? capitalScans(version, period, NO_PRODUCT, baselineDays) : null;
	scansP.catch(() => {});
	allP?.catch(() => {});
	const bv = Math.max(0, (await b) || 0);
	const [scans, all] = await Promise.all([scansP, allP]);
	const tp = performance.now();
	// pricing is in-process and cheap next to the scans; cached per b and rate for repeat views
	const price = (name: string, p: ProductFilters, demand: CapitalScans) =>
		viewCache.get(version, [name, period.from, period.to, ...productKey(p), bv, carryingRate], async () => priceSkuSet(name, demand.demand, bv, carryingRate, demand.exposure));
	const [filtered, allView] = await Promise.all([price(label, product, scans), all ? price('All SKUs', NO_PRODUCT, all) : null]);
	return {
		series: scans.series,
		groups: scans.groups,
		filtered,
		all: allView,
		timings_ms: { ...scans.timings_ms, priced: ms(tp), total: ms(t0) }
	};
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
	const b = ledgerB(summary);
	const c = await capitalData(filters, b, carryingRate, baselineDays);
	return capitalTerms({ totalBackorderCost: summary.total_backorder_cost, backorderedQty: summary.orders.backordered_qty, h: c.filtered.h });
}
