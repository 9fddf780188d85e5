/**
 * The cost model of DESIGN §4 as pure functions: query rows + assumptions → figures. No I/O, so every
 * formula is unit-tested by hand, and an edited assumption recomputes without touching the database.
 * Money is in the currency's units; a ratio that cannot be computed is null, never NaN.
 */
import { CHANNELS, type Channel } from '../schema';
import type { Assumptions } from './assumptions';

// ---- rows as the queries in queries/ledger/ return them (counts and sums cast to DOUBLE) ----

export interface OrdersRow {
	lines: number;
	backordered_lines: number;
	ordered_value: number;
	backordered_value: number;
	backordered_qty: number;
	avg_backorder_days: number | null;
	p90_backorder_days: number | null;
	filled_backorder_lines: number;
	cancelled_lines: number;
	cancelled_value: number;
	promised_lines: number;
	otif_lines: number;
	promised_backorder_lines: number;
	kept_backorder_promises: number;
	cost_of_goods: number;
	costed_revenue: number;
}

export interface OpenBackorderRow {
	bucket: string;
	lines: number;
	value: number;
}

export interface ContactGroupRow {
	/** first day of the contact month (YYYY-MM-01); the period's figures sum over months */
	month?: string;
	team: string;
	channel: string;
	backorder_related: boolean;
	/**
	 * false: a contact a product filter cannot place (no order line); left out of the filtered figures and
	 * shown as not attributable (src/lib/scope.ts). Absent or true otherwise. Counts are weighted by the
	 * contact's share on the filtered products.
	 */
	in_scope?: boolean;
	contacts: number;
	escalated: number;
	minutes: number;
	minutes_missing: number;
	csat_sum: number;
	csat_count: number;
}

export interface DealsRow {
	/** first day of the closing month; the period's figures sum over months */
	month?: string;
	opportunities: number;
	won: number;
	lost: number;
	no_bid: number;
	lost_deals: number;
	lost_value: number;
}

/** The period's deal counts from its monthly rows. */
export function sumDeals(rows: DealsRow[]): DealsRow {
	const total: DealsRow = { opportunities: 0, won: 0, lost: 0, no_bid: 0, lost_deals: 0, lost_value: 0 };
	for (const r of rows) {
		total.opportunities += r.opportunities;
		total.won += r.won;
		total.lost += r.lost;
		total.no_bid += r.no_bid;
		total.lost_deals += r.lost_deals;
		total.lost_value += r.lost_value;
	}
	return total;
}

export interface HoldingRow {
	baseline_value: number | null;
	baseline_snapshots: number;
	baseline_from: string | null;
	baseline_to: string | null;
	period_value: number | null;
	period_snapshots: number;
}

export interface WalletFigures {
	treated_customers: number;
	did_pct: number | null;
	did_low: number | null;
	did_high: number | null;
	lost_revenue: number | null;
	lost_margin: number | null;
}

// ---- helpers ----

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
const asChannel = (c: string): Channel => ((CHANNELS as readonly string[]).includes(c) ? (c as Channel) : 'other');
type PerChannel<T> = Record<Channel, T>;
const perChannel = <T>(f: (c: Channel) => T): PerChannel<T> =>
	Object.fromEntries(CHANNELS.map((c) => [c, f(c)])) as PerChannel<T>;

// ---- figure builders ----

export function grossMargin(o: OrdersRow | null, a: Pick<Assumptions, 'fallback_gross_margin'>) {
	const computed = o && o.costed_revenue > 0 ? 1 - o.cost_of_goods / o.costed_revenue : null;
	return {
		value: computed ?? a.fallback_gross_margin,
		source: computed === null ? ('fallback' as const) : ('data' as const)
	};
}

export function ordersFigures(o: OrdersRow, open: OpenBackorderRow[]) {
	const fill = ratio(o.backordered_lines, o.lines);
	const valueFill = ratio(o.backordered_value, o.ordered_value);
	return {
		lines: o.lines,
		backordered_lines: o.backordered_lines,
		line_fill_rate: fill === null ? null : 1 - fill,
		ordered_value: o.ordered_value,
		backordered_value: o.backordered_value,
		value_fill_rate: valueFill === null ? null : 1 - valueFill,
		avg_backorder_days: o.avg_backorder_days,
		p90_backorder_days: o.p90_backorder_days,
		backordered_qty: o.backordered_qty,
		filled_backorder_lines: o.filled_backorder_lines,
		open_backorders: {
			lines: open.reduce((s, r) => s + r.lines, 0),
			value: open.reduce((s, r) => s + r.value, 0),
			aging: open.map((r) => ({ bucket: r.bucket, lines: r.lines, value: r.value }))
		}
	};
}

export function cancellationFigures(o: OrdersRow, gm: number) {
	return { lines: o.cancelled_lines, value: o.cancelled_value, lost_margin: o.cancelled_value * gm };
}

export function serviceKpis(o: OrdersRow, contacts: ContactGroupRow[]) {
	const csat = (related: boolean) => {
		const rows = contacts.filter((r) => r.backorder_related === related);
		const n = rows.reduce((s, r) => s + r.csat_count, 0);
		return { mean: ratio(rows.reduce((s, r) => s + r.csat_sum, 0), n), responses: n };
	};
	return {
		otif: ratio(o.otif_lines, o.promised_lines),
		promised_lines: o.promised_lines,
		backorder_promise_accuracy: ratio(o.kept_backorder_promises, o.promised_backorder_lines),
		promised_backorder_lines: o.promised_backorder_lines,
		csat_backorder: csat(true),
		csat_other: csat(false)
	};
}

/** Service contacts: cost = Σ channel_cost[channel] + escalation_cost · escalated. */
export function serviceFigures(contacts: ContactGroupRow[], a: Pick<Assumptions, 'channel_cost' | 'escalation_cost'>) {
	const rows = contacts.filter((r) => r.team === 'service' && r.backorder_related);
	const by = perChannel(() => ({ contacts: 0, escalated: 0, cost: 0 }));
	for (const r of rows) {
		const c = by[asChannel(r.channel)];
		c.contacts += r.contacts;
		c.escalated += r.escalated;
	}
	for (const ch of CHANNELS) {
		const c = by[ch];
		c.cost = c.contacts * a.channel_cost[ch] + c.escalated * a.escalation_cost;
	}
	const sum = (k: 'contacts' | 'escalated' | 'cost') => CHANNELS.reduce((s, ch) => s + by[ch][k], 0);
	return {
		backorder_contacts: sum('contacts'),
		cost: sum('cost'),
		escalated: sum('escalated'),
		escalation_cost: sum('escalated') * a.escalation_cost,
		by_channel: by
	};
}

/** Sales time chasing stock: hours = Σ coalesce(minutes, default_minutes[channel]) / 60. */
export function salesFigures(
	contacts: ContactGroupRow[],
	a: Pick<Assumptions, 'default_minutes' | 'sales_loaded_rate' | 'margin_per_selling_hour'>
) {
	const rows = contacts.filter((r) => r.team === 'sales' && r.backorder_related);
	const by = perChannel(() => ({ activities: 0, hours: 0, defaulted: 0 }));
	for (const r of rows) {
		const ch = asChannel(r.channel);
		by[ch].activities += r.contacts;
		by[ch].defaulted += r.minutes_missing;
		by[ch].hours += (r.minutes + r.minutes_missing * a.default_minutes[ch]) / 60;
	}
	const hours = CHANNELS.reduce((s, ch) => s + by[ch].hours, 0);
	return {
		backorder_activities: CHANNELS.reduce((s, ch) => s + by[ch].activities, 0),
		hours,
		cost: hours * a.sales_loaded_rate,
		opportunity_cost: hours * a.margin_per_selling_hour,
		activities_with_default_minutes: CHANNELS.reduce((s, ch) => s + by[ch].defaulted, 0),
		by_channel: by
	};
}

/**
 * Deals lost to availability; win_rate falls back when too few opportunities are decided. The win rate
 * is taken from `rateFrom` (the period's opportunities over all customers, so every slice of a filter is
 * priced alike: src/lib/scope.ts RATES_RULE), or from `d` itself.
 */
export function winLossFigures(
	d: DealsRow,
	gm: number,
	a: Pick<Assumptions, 'fallback_win_rate' | 'min_decided_opportunities'>,
	rateFrom: DealsRow = d
) {
	const decided = rateFrom.won + rateFrom.lost;
	const own = decided > 0 && decided >= a.min_decided_opportunities ? rateFrom.won / decided : null;
	const winRate = own ?? a.fallback_win_rate;
	return {
		lost_deals: d.lost_deals,
		lost_value: d.lost_value,
		expected_lost_margin: d.lost_value * winRate * gm,
		win_rate: winRate,
		win_rate_source: own === null ? ('fallback' as const) : ('data' as const),
		decided_opportunities: decided
	};
}

/** Holding savings = (baseline − period) · carrying_rate · days/365; negative = lean cost more to carry. */
export function holdingFigures(h: HoldingRow, days: number, a: Pick<Assumptions, 'carrying_rate'>) {
	const savings =
		h.baseline_value === null || h.period_value === null
			? null
			: ((h.baseline_value - h.period_value) * a.carrying_rate * days) / 365;
	return {
		baseline_value: h.baseline_value,
		period_value: h.period_value,
		savings,
		carrying_rate: a.carrying_rate,
		days_in_period: days,
		baseline_snapshots: h.baseline_snapshots,
		baseline_from: h.baseline_from,
		baseline_to: h.baseline_to,
		period_snapshots: h.period_snapshots
	};
}

export function totals(parts: {
	service_cost: number;
	sales_cost: number;
	sales_opportunity_cost: number;
	cancelled_margin: number;
	wallet_lost_margin: number | null;
	deals_expected_lost_margin: number;
	savings: number | null;
}) {
	const total =
		parts.service_cost +
		parts.sales_cost +
		parts.sales_opportunity_cost +
		parts.cancelled_margin +
		(parts.wallet_lost_margin ?? 0) +
		parts.deals_expected_lost_margin;
	const savings = parts.savings ?? 0;
	return {
		total_backorder_cost: total,
		net_cost: total - savings,
		cost_per_dollar_saved: parts.savings !== null && parts.savings > 0 ? total / parts.savings : null
	};
}
