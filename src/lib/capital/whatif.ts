/**
 * What-if on the working-capital page: move today's stock by a percentage, or hold stock by policy for a
 * target fill rate, and compare carrying, expected backorder cost and net with today. The server prices
 * a grid once (scaledCurve over per-SKU data, the policy curve from service-level.ts); the browser only
 * interpolates on those points, so a slider answers instantly. Pure, browser-safe.
 */
import { finish, type Steps } from '$lib/steps';
import { normLoss, leadTimeSigma } from '$lib/metrics/inventory-math';
import { withDefaults, type CostPoint, type CurvePoint, type ServiceLevelOptions, type SkuDemand } from '$lib/metrics/service-level';

export const MOVE_MIN = -0.5;
export const MOVE_MAX = 0.5;
export const MOVE_STEP = 0.01;

export interface ScaledPoint extends CostPoint {
	/** the move applied to every SKU's stock: −0.2 = 20 % less */
	move: number;
}

/**
 * What scaling today's stock of every SKU by (1 + move) does, for each move on the grid, before any price:
 * inventory value and units short a year, priced as service-level.ts prices today (dead stock carries
 * value and prevents no shortage). Neither depends on b or the carrying rate, so a SKU set's exposure is
 * computed once and priced at any scenario in O(moves): it is the costly part (SKUs × moves normal losses).
 */
export interface ScaledExposure {
	moves: number[];
	inventory_value: number[];
	units_short: number[];
	annual_demand: number;
}

export function scaledExposure(
	skus: readonly SkuDemand[],
	options: Omit<ServiceLevelOptions, 'backorderCost' | 'carryingRate'> = {},
	moves: readonly number[] = moveGrid()
): ScaledExposure {
	return finish(scaledExposureSteps(skus, options, moves));
}

/** scaledExposure in steps (one per move of the grid): the server runs them in slices (src/lib/server/slices.ts). */
export function* scaledExposureSteps(
	skus: readonly SkuDemand[],
	options: Omit<ServiceLevelOptions, 'backorderCost' | 'carryingRate'> = {},
	moves: readonly number[] = moveGrid()
): Steps<ScaledExposure> {
	const o = withDefaults(options);
	const prepared = skus.map((s) => {
		const d = Math.max(0, s.daily_demand_mean);
		const q = s.order_qty != null && s.order_qty > 0 ? s.order_qty : d * o.reviewDays;
		const annual = 365 * d;
		return {
			cost: Math.max(0, s.unit_cost),
			sigmaL: leadTimeSigma(Math.max(0, s.daily_demand_std), s.lead_time_days ?? o.defaultLeadTimeDays),
			q,
			cycles: q > 0 ? annual / q : 0,
			annual,
			onHand: Math.max(0, s.avg_on_hand ?? s.on_hand ?? 0)
		};
	});
	const out: ScaledExposure = { moves: [...moves], inventory_value: [], units_short: [], annual_demand: prepared.reduce((a, p) => a + (p.annual > 0 ? p.annual : 0), 0) };
	for (const move of moves) {
		const f = Math.max(0, 1 + move);
		let value = 0;
		let short = 0;
		for (const p of prepared) {
			const units = p.onHand * f;
			value += units * p.cost;
			if (p.annual > 0 && p.sigmaL > 0) short += p.cycles * p.sigmaL * normLoss(Math.min(8, Math.max(-8, (units - p.q / 2) / p.sigmaL)));
		}
		out.inventory_value.push(value);
		out.units_short.push(short);
		yield;
	}
	return out;
}

/** An exposure priced at b per unit short and the carrying rate: the what-if curve. */
export function priceScaled(e: ScaledExposure, backorderCost: number, carryingRate: number): ScaledPoint[] {
	const b = Math.max(0, backorderCost);
	return e.moves.map((move, i) => {
		const value = e.inventory_value[i];
		const short = e.units_short[i];
		const carrying = value * carryingRate;
		return {
			move,
			inventory_value: value,
			carrying_cost: carrying,
			units_short: short,
			backorder_cost: b * short,
			total_cost: carrying + b * short,
			fill_rate: e.annual_demand > 0 ? 1 - short / e.annual_demand : null
		};
	});
}

/** Today's stock of every SKU multiplied by (1 + move), priced; the point at move 0 is today's. */
export function scaledCurve(skus: readonly SkuDemand[], options: ServiceLevelOptions, moves: readonly number[] = moveGrid()): ScaledPoint[] {
	const o = withDefaults(options);
	return priceScaled(scaledExposure(skus, o, moves), o.backorderCost, o.carryingRate);
}

/** −0.5, −0.49, …, 0.5 without floating-point drift. */
export function moveGrid(min = MOVE_MIN, max = MOVE_MAX, step = MOVE_STEP): number[] {
	const n = Math.round((max - min) / step);
	return Array.from({ length: n + 1 }, (_, i) => Math.round((min + i * step) * 1e9) / 1e9);
}

const KEYS = ['inventory_value', 'carrying_cost', 'units_short', 'backorder_cost', 'total_cost'] as const;

/** Linear interpolation of a cost point between a and b at t ∈ [0, 1]. */
function lerp(a: CostPoint, b: CostPoint, t: number): CostPoint {
	const out = {} as CostPoint;
	for (const k of KEYS) out[k] = a[k] + (b[k] - a[k]) * t;
	out.fill_rate = a.fill_rate === null || b.fill_rate === null ? null : a.fill_rate + (b.fill_rate - a.fill_rate) * t;
	return out;
}

/**
 * The point at x along points sorted by an increasing key (clamped to the ends), linearly interpolated.
 * `clamped` says x lay outside the points' range.
 */
export function interpolateBy<P extends CostPoint>(
	points: readonly P[],
	key: (p: P) => number,
	x: number
): { point: CostPoint; t: number; index: number; clamped: boolean } | null {
	if (points.length === 0 || !Number.isFinite(x)) return null;
	const first = key(points[0]);
	const last = key(points[points.length - 1]);
	if (x <= first) return { point: pick(points[0]), t: 0, index: 0, clamped: x < first };
	if (x >= last) return { point: pick(points[points.length - 1]), t: 0, index: points.length - 1, clamped: x > last };
	let lo = 0;
	let hi = points.length - 1;
	while (hi - lo > 1) {
		const mid = (lo + hi) >> 1;
		if (key(points[mid]) <= x) lo = mid;
		else hi = mid;
	}
	const a = key(points[lo]);
	const b = key(points[hi]);
	const t = b > a ? (x - a) / (b - a) : 0;
	return { point: lerp(points[lo], points[hi], t), t, index: lo, clamped: false };
}

function pick(p: CostPoint): CostPoint {
	return {
		inventory_value: p.inventory_value,
		carrying_cost: p.carrying_cost,
		units_short: p.units_short,
		backorder_cost: p.backorder_cost,
		total_cost: p.total_cost,
		fill_rate: p.fill_rate
	};
}

export type WhatIf = { mode: 'move'; value: number } | { mode: 'fill'; value: number };

export interface WhatIfResult {
	point: CostPoint;
	/** the what-if asked for more than the curve reaches, and the nearest end is shown */
	clamped: boolean;
	/** for a fill-rate target: the policy's safety factor z */
	z: number | null;
	/** for a move: the stock move; for a target: the move in inventory value it implies against today */
	move: number | null;
}

/**
 * Move: today's stock ±x % (the scaled curve). Fill: the policy curve's point whose fill rate is the
 * target (fill rate rises with z along it), i.e. safety stock set by one z for every SKU.
 */
export function evaluateWhatIf(w: WhatIf, scaled: readonly ScaledPoint[], curve: readonly CurvePoint[], today: CostPoint | null): WhatIfResult | null {
	if (w.mode === 'move') {
		const r = interpolateBy(scaled, (p) => p.move, w.value);
		if (!r) return null;
		return { point: r.point, clamped: r.clamped, z: null, move: Math.min(MOVE_MAX, Math.max(MOVE_MIN, w.value)) };
	}
	const usable = curve.filter((p) => p.fill_rate !== null);
	const r = interpolateBy(usable, (p) => p.fill_rate as number, w.value);
	if (!r) return null;
	const z = r.clamped || r.t === 0 ? usable[r.index].z : usable[r.index].z + (usable[r.index + 1].z - usable[r.index].z) * r.t;
	const move = today && today.inventory_value > 0 ? r.point.inventory_value / today.inventory_value - 1 : null;
	return { point: r.point, clamped: r.clamped, z, move };
}

export interface Comparison {
	today: CostPoint;
	whatif: CostPoint;
	delta: { inventory_value: number; carrying_cost: number; backorder_cost: number; total_cost: number; fill_rate: number | null };
}

export function compare(today: CostPoint, whatif: CostPoint): Comparison {
	return {
		today,
		whatif,
		delta: {
			inventory_value: whatif.inventory_value - today.inventory_value,
			carrying_cost: whatif.carrying_cost - today.carrying_cost,
			backorder_cost: whatif.backorder_cost - today.backorder_cost,
			total_cost: whatif.total_cost - today.total_cost,
			fill_rate: whatif.fill_rate === null || today.fill_rate === null ? null : whatif.fill_rate - today.fill_rate
		}
	};
}

// ---- the what-if in the URL, and named what-ifs kept in the browser ----

/** URL parameters: `move=-20` (percent) or `fill=97.5` (percent). */
export function readWhatIf(params: URLSearchParams): WhatIf {
	const fill = Number(params.get('fill'));
	if (params.has('fill') && Number.isFinite(fill) && fill > 0 && fill < 100) return { mode: 'fill', value: fill / 100 };
	const move = Number(params.get('move'));
	if (params.has('move') && Number.isFinite(move)) return { mode: 'move', value: Math.min(MOVE_MAX, Math.max(MOVE_MIN, Math.round(move) / 100)) };
	return { mode: 'move', value: 0 };
}

/** Writes the what-if into a copy of params (nothing for "no change"), keeping everything else. */
export function writeWhatIf(w: WhatIf, params: URLSearchParams): URLSearchParams {
	const out = new URLSearchParams(params);
	out.delete('move');
	out.delete('fill');
	if (w.mode === 'fill') out.set('fill', String(Math.round(w.value * 1000) / 10));
	else if (Math.round(w.value * 100) !== 0) out.set('move', String(Math.round(w.value * 100)));
	return out;
}

export interface SavedWhatIf {
	name: string;
	whatif: WhatIf;
	/** which SKU set it was made on: the page's filter query string ('' for all) */
	filters: string;
	saved_at: string;
}

export const SAVED_KEY = 'ledger.capital.whatifs';
export const MAX_SAVED = 20;
const NAME_MAX = 60;

/** Validates what localStorage holds: anything malformed is dropped, never thrown. */
export function parseSaved(text: string | null): SavedWhatIf[] {
	if (!text) return [];
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return [];
	}
	if (!Array.isArray(raw)) return [];
	const out: SavedWhatIf[] = [];
	for (const r of raw) {
		if (typeof r !== 'object' || r === null) continue;
		const x = r as Record<string, unknown>;
		const w = x.whatif as Record<string, unknown> | undefined;
		if (typeof x.name !== 'string' || !x.name.trim() || !w || (w.mode !== 'move' && w.mode !== 'fill')) continue;
		if (typeof w.value !== 'number' || !Number.isFinite(w.value)) continue;
		out.push({
			name: x.name.slice(0, NAME_MAX),
			whatif: { mode: w.mode, value: w.value },
			filters: typeof x.filters === 'string' ? x.filters : '',
			saved_at: typeof x.saved_at === 'string' ? x.saved_at : ''
		});
	}
	return out.slice(0, MAX_SAVED);
}

/** Adds or replaces (same name, case-insensitive) a named what-if; newest first, at most MAX_SAVED. */
export function saveNamed(list: readonly SavedWhatIf[], item: SavedWhatIf): SavedWhatIf[] {
	const name = item.name.trim().slice(0, NAME_MAX);
	const rest = list.filter((s) => s.name.toLowerCase() !== name.toLowerCase());
	return [{ ...item, name }, ...rest].slice(0, MAX_SAVED);
}

export function describeWhatIf(w: WhatIf): string {
	if (w.mode === 'fill') return `fill rate ${(w.value * 100).toFixed(1)}% by policy`;
	const pct = Math.round(w.value * 100);
	return pct === 0 ? "today's stock" : `stock ${pct > 0 ? '+' : '−'}${Math.abs(pct)}%`;
}

/** A what-if as the server stores it on a scenario (issue 17): the what-if and the filters it was made on. */
export interface WhatIfSpec {
	whatif: WhatIf;
	/** the page's filter query string ('' for all), to tell what-ifs made on other filters apart */
	filters: string;
}

const MAX_FILTERS_TEXT = 2000;

/** Checks a what-if sent to or read from the server; null when malformed (a move out of range included). */
export function checkWhatIfSpec(raw: unknown): WhatIfSpec | null {
	if (typeof raw !== 'object' || raw === null) return null;
	const x = raw as Record<string, unknown>;
	const w = x.whatif as Record<string, unknown> | undefined;
	if (!w || typeof w !== 'object' || typeof w.value !== 'number' || !Number.isFinite(w.value)) return null;
	if (w.mode === 'move' && (w.value < MOVE_MIN || w.value > MOVE_MAX)) return null;
	if (w.mode === 'fill' && !(w.value > 0 && w.value < 1)) return null;
	if (w.mode !== 'move' && w.mode !== 'fill') return null;
	const filters = x.filters === undefined ? '' : x.filters;
	if (typeof filters !== 'string' || filters.length > MAX_FILTERS_TEXT) return null;
	return { whatif: { mode: w.mode, value: w.value }, filters };
}
