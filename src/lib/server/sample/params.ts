/**
 * Sizes and planted effects of the sample data set. Everything the generator plants is a named constant
 * here, so truth.json can report exactly what was applied and tests can check it was recovered.
 */

/** Two years of data, 24 full months. */
export const DATA_FROM = '2024-11-01';
export const DATA_TO = '2026-10-31';
export const DATA_DAYS = 730;
/** The dashboard's default analysis period: the last 12 months. */
export const PERIOD_FROM = '2025-11-01';
export const PERIOD_TO = '2026-10-31';
/** Weekly inventory snapshots, Mondays; the first Monday of the data range. */
export const FIRST_SNAPSHOT = '2024-11-04';
export const SNAPSHOT_WEEKS = 104;

export const DEFAULT_SEED = 42;
export const DEFAULT_SCALE = 300_000;
export const MIN_SCALE = 5_000;
export const MAX_SCALE = 50_000_000;

/**
 * The lean inventory programme: stock cover is cut linearly between these dates (ramp 0 → 1) and stays
 * cut. Shortage episodes start more often as cover falls, so backorders rise while inventory value falls.
 */
export const LEAN = {
	ramp_from: '2025-01-01',
	ramp_to: '2025-11-01',
	/** weeks of demand held before the programme */
	cover_weeks_before: 6,
	/** planted cut of the cover: inventory value falls by about this much (plus more stock-outs) */
	cover_reduction: 0.27,
	/** shortage-episode start rate at full lean, relative to before */
	shortage_multiplier: 3.2
} as const;

/** Supplier shortage episodes (weekly, per supplier), see supply-sql.ts. */
export const SHORTAGE = {
	/** weekly probability that a supplier of proneness 1 starts an episode, before the lean programme */
	episode_start_rate: 0.055,
	/** proneness of the three most shortage-prone suppliers (the rest draw 0.15–0.75): the Pareto */
	top_proneness: [6, 4, 3],
	/** with more suppliers (bigger scales) a few more are prone, so the concentration stays alike: 1 in 8 */
	extra_prone_per_supplier: 1 / 8,
	extra_proneness: 2.5,
	/** probability a line of a short SKU is backordered (sometimes a little stock is left) */
	hit_probability: 0.85,
	/** share of backordered lines that backorder the whole quantity */
	full_backorder_share: 0.45
} as const;

/** Backorder delay: lognormal, median grows with the supplier lead time, long right tail. */
export const DELAY = { base_median_days: 4.5, per_lead_time_day: 0.11, sigma: 0.9 } as const;

/** Cancellation of backordered quantity: more likely when the wait is long. */
export const CANCEL = { base: 0.03, long_wait_days: 21, long_wait_extra: 0.3, partial_share: 0.2 } as const;

/**
 * Share-of-wallet decline: after a customer's first backordered month t0, every later order's quantity
 * is multiplied by (1 − decline[bucket]). The bucket is that of the first incident (see truth.json).
 */
export const WALLET_DECLINE: WalletDecline = { le10: 0.08, gt10: 0.18, cancelled_open: 0.28 };

/** The planted decline per delay bucket of the first incident, fractions of volume (0.15 = −15 %). */
export interface WalletDecline {
	readonly le10: number;
	readonly gt10: number;
	readonly cancelled_open: number;
}

/**
 * Bursty demand (off in the sample; the calibration harness's third world): each customer-month's
 * quantities are multiplied by a lognormal shock of mean 1 and this sigma, and a line is also backordered
 * by allocation with probability allocation × shock — heavy months meet backorders more often, the way
 * real backorders go with volume. That is the selection an estimator must not condition on.
 */
export interface DemandShock {
	readonly sigma: number;
	readonly allocation: number;
}
export const NO_DEMAND_SHOCK: DemandShock = { sigma: 0, allocation: 0 };

export const SEGMENTS = ['Strategic', 'Key', 'Core'] as const;

/** Per-segment customer model. share: of customers; lines: relative lines per month; value: $ per line. */
export const SEGMENT_MODEL = {
	Strategic: { share: 0.05, lines: 20, value: 650, lines_per_order: 5, basket: [40, 80], discount: [0.12, 0.18] },
	Key: { share: 0.2, lines: 6, value: 380, lines_per_order: 3, basket: [12, 26], discount: [0.06, 0.12] },
	Core: { share: 0.75, lines: 1.6, value: 220, lines_per_order: 1.2, basket: [4, 9], discount: [0, 0.06] }
} as const;

export interface SampleSizes {
	customers: number;
	skus: number;
	suppliers: number;
	categories: number;
	reps: number;
	contacts: number;
	opportunities: number;
}

export interface SampleParams {
	seed: number;
	/** target number of order lines (the result is within a few percent) */
	scale: number;
	sizes: SampleSizes;
	/** the share-of-wallet decline planted after each customer's first incident (calibration varies it) */
	walletDecline: WalletDecline;
	demandShock: DemandShock;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Scale-linked sizes: customers and SKUs grow sub-linearly (bigger businesses have bigger customers),
 * contacts and opportunities linearly. 300k lines → 3000 customers, 1500 SKUs; 10M → ~50k, ~20k.
 */
export function sizesFor(scale: number): SampleSizes {
	const r = scale / DEFAULT_SCALE;
	return {
		customers: Math.round(clamp(3000 * r ** 0.8, 150, 200_000)),
		skus: Math.round(clamp(1500 * r ** 0.74, 150, 100_000)),
		suppliers: Math.round(clamp(24 + 4 * Math.log2(r), 15, 40)),
		categories: 10,
		reps: Math.round(clamp(3000 * r ** 0.8 / 100, 20, 60)),
		contacts: Math.round(scale * 0.2),
		opportunities: Math.round(scale * 0.02)
	};
}

export function sampleParams(
	seed = DEFAULT_SEED,
	scale = DEFAULT_SCALE,
	walletDecline: WalletDecline = WALLET_DECLINE,
	demandShock: DemandShock = NO_DEMAND_SHOCK
): SampleParams {
	if (!Number.isSafeInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
		throw new RangeError(`seed must be an integer between 0 and ${2 ** 31 - 1}, got ${seed}`);
	if (!Number.isSafeInteger(scale) || scale < MIN_SCALE || scale > MAX_SCALE)
		throw new RangeError(`scale must be an integer number of order lines between ${MIN_SCALE} and ${MAX_SCALE}, got ${scale}`);
	for (const [k, v] of Object.entries(walletDecline))
		if (!(v >= 0 && v < 1)) throw new RangeError(`wallet decline ${k} must be in [0, 1), got ${v}`);
	if (!(demandShock.sigma >= 0 && demandShock.sigma <= 2 && demandShock.allocation >= 0 && demandShock.allocation <= 0.5))
		throw new RangeError(`demand shock sigma must be in [0, 2] and allocation in [0, 0.5]`);
	return { seed, scale, sizes: sizesFor(scale), walletDecline: { ...walletDecline }, demandShock: { ...demandShock } };
}
