/**
 * Economic service level (DESIGN §4, working capital page): inventory value against total annual cost
 * (carrying + b · units short) over a common safety factor z, with today's position and the optimum.
 * Pure and browser-safe; per-SKU inputs come from queries/capital/sku_demand.sql.
 *
 * Model, per SKU with daily demand d (σd), lead time L days, unit cost c:
 * - σL = σd·√L; order quantity Q = d · review_days (a periodic cycle: there is no ordering cost in the data
 *   to size an EOQ with) unless the caller gives one; cycles a year = 365·d / Q.
 * - policy inventory = SS + Q/2 with SS = z·σL; units short a year = cycles · σL · 𝓛(z).
 * - today: the implied per-SKU z = (on-hand − Q/2) / σL, on-hand being the mean of the period's snapshots
 *   (one snapshot is a point in the cycle, not its average) or the latest one when there is none.
 *   Stock of SKUs without demand is dead stock: it costs carrying and prevents no shortage.
 * - per-SKU optimum (Hadley–Whitin for this cost): d/dz [h·z·σL + b·cycles·σL·𝓛(z)] = 0
 *   ⇔ 1 − Φ(z*) = h / (b · cycles) = h·Q / (b·D).
 * - the critical ratio b/(b+h) is not computed here: src/lib/capital/terms.ts is its one source, from the
 *   b and h the pages show (b is per unit short and h per unit-year, a newsvendor ratio, not the optimum).
 */
import { leadTimeSigma, normCdf, normInv, normLoss } from './inventory-math';

export interface SkuDemand {
	sku: string;
	unit_cost: number;
	daily_demand_mean: number;
	daily_demand_std: number;
	lead_time_days: number | null;
	/** latest snapshot on or before the period end */
	on_hand: number | null;
	/** mean over the period's snapshots */
	avg_on_hand?: number | null;
	/** cycle quantity; default daily_demand_mean · reviewDays */
	order_qty?: number | null;
}

export interface ServiceLevelOptions {
	/** cost per backordered unit, b */
	backorderCost: number;
	carryingRate: number;
	reviewDays?: number;
	defaultLeadTimeDays?: number;
	zFrom?: number;
	zTo?: number;
	zStep?: number;
}

export const SERVICE_LEVEL_DEFAULTS = { reviewDays: 30, defaultLeadTimeDays: 14, zFrom: 0, zTo: 3.5, zStep: 0.05 } as const;

/**
 * The options with the defaults filled in. Written out field by field rather than spread: per-SKU functions
 * run 20,000 times per pricing, and an object spread there was a third of the time.
 */
export function withDefaults(options: Partial<ServiceLevelOptions>): Required<ServiceLevelOptions> {
	const d = SERVICE_LEVEL_DEFAULTS;
	return {
		backorderCost: options.backorderCost ?? 0,
		carryingRate: options.carryingRate ?? 0,
		reviewDays: options.reviewDays ?? d.reviewDays,
		defaultLeadTimeDays: options.defaultLeadTimeDays ?? d.defaultLeadTimeDays,
		zFrom: options.zFrom ?? d.zFrom,
		zTo: options.zTo ?? d.zTo,
		zStep: options.zStep ?? d.zStep
	};
}

export interface CostPoint {
	inventory_value: number;
	carrying_cost: number;
	/** expected units short a year */
	units_short: number;
	backorder_cost: number;
	total_cost: number;
	/** 1 − units short / annual demand */
	fill_rate: number | null;
}

export interface CurvePoint extends CostPoint {
	z: number;
	/** cycle service level Φ(z): probability of no stock-out in a cycle */
	in_stock: number;
}

export interface TodayPoint extends CostPoint {
	/** the common z whose policy inventory equals today's stock of SKUs with demand */
	implied_z: number | null;
	/** stock of SKUs without demand in the period */
	dead_stock_value: number;
}

export interface ServiceLevelResult {
	curve: CurvePoint[];
	/** the curve point with the least total cost */
	optimum: CurvePoint | null;
	today: TodayPoint | null;
	/** every SKU at its own z* (≤ the curve's minimum, which forces one z on all) */
	per_sku_optimum: CostPoint | null;
	skus: number;
	skus_with_demand: number;
	annual_demand_units: number;
	assumptions: Required<Omit<ServiceLevelOptions, 'backorderCost' | 'carryingRate'>> & { backorderCost: number; carryingRate: number };
}

interface Prepared {
	cost: number;
	sigmaL: number;
	q: number;
	cycles: number;
	annualDemand: number;
	h: number;
	onHand: number;
}

export function serviceLevelCurve(skus: readonly SkuDemand[], options: ServiceLevelOptions): ServiceLevelResult {
	const o = withDefaults(options);
	const b = Math.max(0, o.backorderCost);
	const prepared: Prepared[] = skus.map((s) => {
		const d = Math.max(0, s.daily_demand_mean);
		const q = s.order_qty != null && s.order_qty > 0 ? s.order_qty : d * o.reviewDays;
		const annualDemand = 365 * d;
		return {
			cost: Math.max(0, s.unit_cost),
			sigmaL: leadTimeSigma(Math.max(0, s.daily_demand_std), s.lead_time_days ?? o.defaultLeadTimeDays),
			q,
			cycles: q > 0 ? annualDemand / q : 0,
			annualDemand,
			h: Math.max(0, s.unit_cost) * o.carryingRate,
			onHand: Math.max(0, s.avg_on_hand ?? s.on_hand ?? 0)
		};
	});
	const active = prepared.filter((p) => p.annualDemand > 0);
	const annualDemand = active.reduce((a, p) => a + p.annualDemand, 0);

	const costs = (value: number, short: number): CostPoint => {
		const carrying = value * o.carryingRate;
		const backorder = b * short;
		return {
			inventory_value: value,
			carrying_cost: carrying,
			units_short: short,
			backorder_cost: backorder,
			total_cost: carrying + backorder,
			fill_rate: annualDemand > 0 ? 1 - short / annualDemand : null
		};
	};
	/** policy cost with each active SKU at zOf(p) */
	const at = (zOf: (p: Prepared) => number): CostPoint => {
		let value = 0;
		let short = 0;
		for (const p of active) {
			const z = zOf(p);
			value += (z * p.sigmaL + p.q / 2) * p.cost;
			short += p.cycles * p.sigmaL * normLoss(z);
		}
		return costs(value, short);
	};

	const curve: CurvePoint[] = [];
	if (active.length > 0) {
		// one z for every SKU: value = z·Σ σL·c + Σ Q/2·c and short = L(z)·Σ cycles·σL, so the sums are taken
		// once rather than per grid point (20,000 SKUs × 100 points took half a second)
		let slope = 0;
		let base = 0;
		let exposure = 0;
		for (const p of active) {
			slope += p.sigmaL * p.cost;
			base += (p.q / 2) * p.cost;
			exposure += p.cycles * p.sigmaL;
		}
		const steps = Math.round((o.zTo - o.zFrom) / o.zStep);
		for (let i = 0; i <= steps; i++) {
			const z = round(o.zFrom + i * o.zStep);
			curve.push({ z, in_stock: normCdf(z), ...costs(z * slope + base, exposure * normLoss(z)) });
		}
	}
	const optimum = curve.reduce<CurvePoint | null>((best, p) => (best === null || p.total_cost < best.total_cost ? p : best), null);

	const perSku =
		active.length > 0
			? at((p) => {
					if (!(b > 0) || p.cycles <= 0) return o.zFrom;
					const tail = p.h / (b * p.cycles);
					return tail >= 1 ? o.zFrom : clamp(normInv(1 - tail), o.zFrom, o.zTo);
				})
			: null;

	let today: TodayPoint | null = null;
	if (prepared.length > 0) {
		let value = 0;
		let short = 0;
		let dead = 0;
		let base = 0; // Σ Q/2 · c
		let slope = 0; // Σ σL · c
		for (const p of prepared) {
			value += p.onHand * p.cost;
			if (p.annualDemand <= 0) {
				dead += p.onHand * p.cost;
				continue;
			}
			base += (p.q / 2) * p.cost;
			slope += p.sigmaL * p.cost;
			// σL = 0: demand is steady over the lead time, no stock-out risk to price
			if (p.sigmaL > 0) short += p.cycles * p.sigmaL * normLoss(clamp((p.onHand - p.q / 2) / p.sigmaL, -8, 8));
		}
		today = { ...costs(value, short), implied_z: slope > 0 ? (value - dead - base) / slope : null, dead_stock_value: dead };
	}

	return {
		curve,
		optimum,
		today,
		per_sku_optimum: perSku,
		skus: skus.length,
		skus_with_demand: active.length,
		annual_demand_units: annualDemand,
		assumptions: { reviewDays: o.reviewDays, defaultLeadTimeDays: o.defaultLeadTimeDays, zFrom: o.zFrom, zTo: o.zTo, zStep: o.zStep, backorderCost: b, carryingRate: o.carryingRate }
	};
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** z values on a 0.05 grid print as 1.15, not 1.1500000000000001 */
const round = (z: number) => Math.round(z * 1e9) / 1e9;
