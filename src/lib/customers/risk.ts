/**
 * At-risk customers: who has recently been hit by backorders AND is buying less than they used to.
 * Pure and browser-safe; queries/customers/at_risk.sql supplies one row of sums per customer with a
 * backordered line in the exposure window, and this module scores, filters and ranks them.
 *
 * All windows end on the period's last day (`to`), the "as of" date:
 * - exposure window: the last 6 months, (to − 6 months, to];
 * - recent window: the last 3 months, (to − 3 months, to];
 * - history window: the 12 months before the recent window, (to − 15 months, to − 3 months], cut to the
 *   data's first day when the extract starts later.
 * Spend = Σ (qty − qty_cancelled)·unit_price, as in the share-of-wallet estimate.
 *
 * - exposure = backordered value / ordered value in the exposure window (0..1): how much of what they
 *   asked for recently came in short;
 * - decline = 1 − recent spend per day / history spend per day, clamped to 0..1: how far they have fallen
 *   against their own habit;
 * - score = 100·√(exposure·decline): the geometric mean of the two, so a customer scores only when both
 *   are present (a big decline without backorders is not our backorder problem; backorders without a
 *   decline are not yet a loss);
 * - value at risk = 12 months of the shortfall: (history per day − recent per day)·365.
 * A customer is listed when exposure > 0 and decline ≥ MIN_DECLINE.
 */

export const EXPOSURE_MONTHS = 6;
export const RECENT_MONTHS = 3;
export const HISTORY_MONTHS = 12;
/** a smaller fall is within the month-to-month noise of an ordinary customer */
export const MIN_DECLINE = 0.1;

export interface RiskRow {
	customer_id: string;
	name: string | null;
	segment: string | null;
	region: string | null;
	sales_rep: string | null;
	/** spend in the history window and its length in days (0 when the data start too late) */
	history_spend: number;
	history_days: number;
	recent_spend: number;
	recent_days: number;
	exposure_value: number;
	exposure_backordered_value: number;
	exposure_lines: number;
	exposure_backordered_lines: number;
	/** ISO date of the latest backordered order on or before `to` */
	last_incident: string | null;
	open_backorders: number;
	open_value: number;
	/** backorder-related contacts (§3) in the exposure window */
	contacts: number;
	escalations: number;
}

export interface RiskScore {
	exposure: number;
	decline: number;
	score: number;
	value_at_risk: number;
	history_monthly: number;
	recent_monthly: number;
}

export type AtRisk = RiskRow & RiskScore;
export type RiskSort = 'score' | 'value';

const DAYS_PER_MONTH = 365.25 / 12;
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** The score of one customer, or null when they have no history to fall from. */
export function riskScore(r: RiskRow): RiskScore | null {
	if (!(r.history_days > 0) || !(r.recent_days > 0) || !(r.history_spend > 0)) return null;
	const histPerDay = r.history_spend / r.history_days;
	const recentPerDay = Math.max(0, r.recent_spend) / r.recent_days;
	const exposure = r.exposure_value > 0 ? clamp01(r.exposure_backordered_value / r.exposure_value) : 0;
	const decline = clamp01(1 - recentPerDay / histPerDay);
	return {
		exposure,
		decline,
		score: 100 * Math.sqrt(exposure * decline),
		value_at_risk: Math.max(0, histPerDay - recentPerDay) * 365,
		history_monthly: histPerDay * DAYS_PER_MONTH,
		recent_monthly: recentPerDay * DAYS_PER_MONTH
	};
}

/** Scores, keeps those at risk, and ranks: by score (ties by value) or by value at risk (ties by score). */
export function rankAtRisk(rows: readonly RiskRow[], sort: RiskSort = 'score'): AtRisk[] {
	const out: AtRisk[] = [];
	for (const r of rows) {
		const s = riskScore(r);
		if (s && s.exposure > 0 && s.decline >= MIN_DECLINE) out.push({ ...r, ...s });
	}
	const byScore = (a: AtRisk, b: AtRisk) => b.score - a.score;
	const byValue = (a: AtRisk, b: AtRisk) => b.value_at_risk - a.value_at_risk;
	const first = sort === 'value' ? byValue : byScore;
	const second = sort === 'value' ? byScore : byValue;
	return out.sort((a, b) => first(a, b) || second(a, b) || a.customer_id.localeCompare(b.customer_id));
}

export function parseRiskSort(v: string | null | undefined): RiskSort {
	return v === 'value' ? 'value' : 'score';
}
