/**
 * Per-SKU view of the economic service level (DESIGN §4): the same model as
 * src/lib/metrics/service-level.ts, one SKU at a time, so the page can say which SKUs' stock is furthest
 * from its optimum and what closing the gap is worth a year. Pure, browser-safe.
 *
 * For a SKU with daily demand d (σd), lead time L, unit cost c, cycle quantity Q = d·review_days:
 *   σL = σd·√L, cycles = 365·d/Q, h = c·carrying_rate
 *   today:   z = (on-hand − Q/2)/σL, safety stock = on-hand − Q/2, value = on-hand·c
 *   optimum: 1 − Φ(z*) = h/(b·cycles) (clamped to the curve's z range), value = (z*·σL + Q/2)·c
 *   cost a year = value·carrying_rate + b·cycles·σL·𝓛(z); fill rate = 1 − σL·𝓛(z)/Q
 * Stock of a SKU without demand is dead stock: its optimum holds none of it.
 */
import { leadTimeSigma, normInv, normLoss } from '$lib/metrics/inventory-math';
import { withDefaults, type ServiceLevelOptions, type SkuDemand } from '$lib/metrics/service-level';

export interface SkuPosition {
	/** safety factor; null when demand over the lead time does not vary (σL = 0) or there is no demand */
	z: number | null;
	/** units above the cycle stock Q/2 (negative: below it) */
	safety_stock: number;
	stock_units: number;
	inventory_value: number;
	carrying_cost: number;
	units_short: number;
	backorder_cost: number;
	total_cost: number;
	fill_rate: number | null;
}

export interface SkuEconomics {
	sku: string;
	unit_cost: number;
	daily_demand_mean: number;
	daily_demand_std: number;
	/** the lead time used (the SKU's own, or the default) */
	lead_time_days: number;
	lead_time_defaulted: boolean;
	sigma_l: number;
	order_qty: number;
	annual_demand: number;
	/** holding cost per unit-year c·carrying_rate */
	h: number;
	dead_stock: boolean;
	today: SkuPosition;
	optimum: SkuPosition;
	/** today's annual cost − the optimum's: what moving this SKU to its optimum is worth a year (≥ 0) */
	gap: number;
	/** optimum inventory value − today's: positive = the optimum holds more */
	value_change: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function skuEconomics(s: SkuDemand, options: ServiceLevelOptions): SkuEconomics {
	const o = withDefaults(options);
	const b = Math.max(0, o.backorderCost);
	const c = Math.max(0, s.unit_cost);
	const d = Math.max(0, s.daily_demand_mean);
	const leadTime = s.lead_time_days ?? o.defaultLeadTimeDays;
	const sigmaL = leadTimeSigma(Math.max(0, s.daily_demand_std), leadTime);
	const q = s.order_qty != null && s.order_qty > 0 ? s.order_qty : d * o.reviewDays;
	const annual = 365 * d;
	const cycles = q > 0 ? annual / q : 0;
	const h = c * o.carryingRate;
	const onHand = Math.max(0, s.avg_on_hand ?? s.on_hand ?? 0);
	const dead = annual <= 0;

	const position = (units: number, z: number | null): SkuPosition => {
		const short = dead || sigmaL <= 0 || z === null ? 0 : cycles * sigmaL * normLoss(z);
		const value = units * c;
		const carrying = value * o.carryingRate;
		return {
			z,
			safety_stock: dead ? units : units - q / 2,
			stock_units: units,
			inventory_value: value,
			carrying_cost: carrying,
			units_short: short,
			backorder_cost: b * short,
			total_cost: carrying + b * short,
			fill_rate: dead ? null : annual > 0 ? 1 - short / annual : null
		};
	};

	const zToday = dead || sigmaL <= 0 ? null : clamp((onHand - q / 2) / sigmaL, -8, 8);
	const today = position(onHand, zToday);

	let optimum: SkuPosition;
	if (dead) optimum = position(0, null);
	else if (sigmaL <= 0) optimum = position(q / 2, null);
	else {
		let z = o.zFrom;
		if (b > 0 && cycles > 0) {
			const tail = h / (b * cycles);
			z = tail >= 1 ? o.zFrom : clamp(normInv(1 - tail), o.zFrom, o.zTo);
		}
		optimum = position(z * sigmaL + q / 2, z);
	}

	return {
		sku: s.sku,
		unit_cost: c,
		daily_demand_mean: d,
		daily_demand_std: Math.max(0, s.daily_demand_std),
		lead_time_days: leadTime,
		lead_time_defaulted: s.lead_time_days == null,
		sigma_l: sigmaL,
		order_qty: q,
		annual_demand: annual,
		h,
		dead_stock: dead,
		today,
		optimum,
		gap: Math.max(0, today.total_cost - optimum.total_cost),
		value_change: optimum.inventory_value - today.inventory_value
	};
}

export interface GapSummary {
	top: SkuEconomics[];
	/** Σ gap over every SKU */
	total_gap: number;
	/** Σ gap of the top rows */
	top_gap: number;
	skus: number;
	/** SKUs with stock and no demand in the period */
	dead_stock_skus: number;
	dead_stock_value: number;
}

/** The n SKUs whose gap between today and the optimum is worth most (ties by SKU, for a stable list). */
export function topGaps(skus: readonly SkuEconomics[], n = 20): GapSummary {
	let total = 0;
	let deadSkus = 0;
	let deadValue = 0;
	for (const s of skus) {
		total += s.gap;
		if (s.dead_stock && s.today.inventory_value > 0) {
			deadSkus++;
			deadValue += s.today.inventory_value;
		}
	}
	const top = [...skus].sort((a, b) => b.gap - a.gap || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0)).slice(0, Math.max(0, n));
	return {
		top,
		total_gap: total,
		top_gap: top.reduce((a, s) => a + s.gap, 0),
		skus: skus.length,
		dead_stock_skus: deadSkus,
		dead_stock_value: deadValue
	};
}

/** Demand-weighted mean holding cost per unit-year over SKUs with demand (null without any). */
export function meanHoldingCost(skus: readonly SkuEconomics[]): number | null {
	let w = 0;
	let sum = 0;
	for (const s of skus) {
		if (s.annual_demand <= 0) continue;
		w += s.annual_demand;
		sum += s.annual_demand * s.h;
	}
	return w > 0 ? sum / w : null;
}
