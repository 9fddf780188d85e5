/**
 * DESIGN §4 "Acting on it: the fill queue": the cost of one more week of waiting for an open backorder
 * line, term by term, from the model's own measured figures. Pure module, safe in the browser; the server
 * (src/lib/server/backorders/) supplies the effects, the rates and the lines.
 *
 * A term that cannot be computed is `value: null` with its reason; the line's total is the sum of the
 * terms that can be, and `excludes` names the others, so a missing figure never reads as 0.
 */

/** Backorders filled within this many days of the order are the short-delay bucket (as in the estimator). */
export const SHORT_DELAY_DAYS = 10;
export const WEEK_DAYS = 7;

/** One delay bucket's share-of-wallet effect (did_pct: −0.08 = an 8 % decline), with its 90 % interval. */
export interface BucketEffect {
	did_pct: number | null;
	did_low: number | null;
	did_high: number | null;
	/** why did_pct is null (too few treated customers…) */
	reason: string | null;
}

export interface BucketEffects {
	le10: BucketEffect;
	gt10: BucketEffect;
	cancelled_open: BucketEffect;
}

/** The measured history rates and the scenario's money, the same for every line of a period. */
export interface Rates {
	/** backorder-related service contacts per backordered line-week (null: no line-week in the period) */
	service_per_week: number | null;
	sales_per_week: number | null;
	/** the period's average cost of one such contact under the scenario (null: none to average) */
	service_cost_per_contact: number | null;
	sales_cost_per_contact: number | null;
	/** deals lost to availability per open deal-week */
	deal_loss_per_week: number | null;
	win_rate: number;
	gross_margin: number;
}

export interface Term {
	value: number | null;
	reason: string | null;
	/** what the value rests on, in words (the bucket transition, the rate used) */
	note: string;
}

export interface OpenLineInput {
	order_id: string;
	line_no: number;
	customer_id: string;
	customer_name: string | null;
	segment: string | null;
	supplier: string | null;
	sku: string;
	order_date: string;
	promised_date: string | null;
	age_days: number;
	days_past_promise: number | null;
	qty_open: number;
	unit_price: number;
	bo_source: string | null;
	revenue_12m: number;
	open_deals: number;
	open_deal_amount: number;
	/** the customer's open lines over every product: customer-level terms are shared over them */
	customer_open_lines: number;
}

export interface PricedLine extends OpenLineInput {
	wallet: Term & { low: number | null; high: number | null; transition: string | null };
	contacts: Term;
	deals: Term;
	/** Σ of the terms that could be computed */
	cost_week: number;
	/** the terms left out of cost_week because they are n/a */
	excludes: ('wallet' | 'contacts' | 'deals')[];
	cost_week_per_unit: number;
}

/** The change in effect a crossing from ≤10 days to >10 days causes (positive = a deeper decline), with its ends. */
export function crossingDelta(e: BucketEffects): { delta: number | null; low: number | null; high: number | null; reason: string | null } {
	const a = e.le10;
	const b = e.gt10;
	if (a.did_pct === null || b.did_pct === null) {
		const reason = a.did_pct === null ? `≤10 days: ${a.reason ?? 'no estimate'}` : `>10 days: ${b.reason ?? 'no estimate'}`;
		return { delta: null, low: null, high: null, reason };
	}
	const delta = a.did_pct - b.did_pct;
	// the ends of both intervals combined: at least as wide as either (they are not independent draws)
	const ends = a.did_low !== null && a.did_high !== null && b.did_low !== null && b.did_high !== null;
	return { delta, low: ends ? a.did_low! - b.did_high! : null, high: ends ? a.did_high! - b.did_low! : null, reason: null };
}

/** Expected service + sales contact cost of one more backordered line-week. */
export function contactWeekCost(r: Rates): Term {
	if (r.service_per_week === null || r.sales_per_week === null) {
		return { value: null, reason: 'no backordered line-week in the period to measure contacts per week over', note: '' };
	}
	const service = r.service_per_week === 0 ? 0 : r.service_cost_per_contact;
	const sales = r.sales_per_week === 0 ? 0 : r.sales_cost_per_contact;
	if (service === null || sales === null) return { value: null, reason: 'no backorder-related contact in the period to price', note: '' };
	const value = r.service_per_week * service + r.sales_per_week * sales;
	return { value, reason: null, note: `${r.service_per_week.toFixed(3)} service + ${r.sales_per_week.toFixed(3)} sales contacts per line-week` };
}

function walletTerm(l: OpenLineInput, e: BucketEffects, gm: number): PricedLine['wallet'] {
	const after = l.age_days + WEEK_DAYS;
	if (after <= SHORT_DELAY_DAYS) {
		return { value: 0, low: 0, high: 0, reason: null, transition: null, note: `day ${after} next week: still within ${SHORT_DELAY_DAYS} days, no bucket crossed` };
	}
	if (l.age_days > SHORT_DELAY_DAYS) {
		return {
			value: 0, low: 0, high: 0, reason: null, transition: null,
			note: `already past ${SHORT_DELAY_DAYS} days: a week more crosses no bucket (cancelled/open is reached by cancelling, not by waiting)`
		};
	}
	const d = crossingDelta(e);
	const transition = `≤${SHORT_DELAY_DAYS} days → >${SHORT_DELAY_DAYS} days`;
	if (d.delta === null) return { value: null, low: null, high: null, reason: d.reason, transition, note: '' };
	const base = (l.revenue_12m / Math.max(1, l.customer_open_lines)) * gm;
	const money = (x: number | null) => (x === null ? null : Math.max(0, x) * base);
	return {
		value: money(d.delta),
		low: money(d.low),
		high: money(d.high),
		reason: null,
		transition,
		note: `day ${l.age_days} → ${after}: Δ effect ${(d.delta * 100).toFixed(1)} pts × 12-month revenue${l.customer_open_lines > 1 ? ` / ${l.customer_open_lines} open lines` : ''} × gross margin`
	};
}

function dealsTerm(l: OpenLineInput, r: Rates): Term {
	if (l.open_deals === 0) return { value: 0, reason: null, note: 'no deal open on the as-of date' };
	if (r.deal_loss_per_week === null) return { value: null, reason: 'no closed deal with a created date in the period to measure the loss rate', note: '' };
	const value = (l.open_deal_amount / Math.max(1, l.customer_open_lines)) * r.deal_loss_per_week * r.win_rate * r.gross_margin;
	return { value, reason: null, note: `${l.open_deals} open deal(s) × ${(r.deal_loss_per_week * 100).toFixed(2)} % lost per week × win rate × gross margin` };
}

/** One line's cost of one more week, term by term. */
export function priceLine(l: OpenLineInput, e: BucketEffects, r: Rates, contacts: Term = contactWeekCost(r)): PricedLine {
	const wallet = walletTerm(l, e, r.gross_margin);
	const deals = dealsTerm(l, r);
	const terms = { wallet, contacts, deals };
	const excludes = (Object.keys(terms) as (keyof typeof terms)[]).filter((k) => terms[k].value === null);
	const cost_week = (wallet.value ?? 0) + (contacts.value ?? 0) + (deals.value ?? 0);
	return { ...l, wallet, contacts, deals, cost_week, excludes, cost_week_per_unit: l.qty_open > 0 ? cost_week / l.qty_open : 0 };
}

/** Priority order: cost of one more week per backordered unit, highest first; ties first come first served. */
export function byPriority(a: PricedLine, b: PricedLine): number {
	return b.cost_week_per_unit - a.cost_week_per_unit || byOrderDate(a, b);
}

export function byOrderDate(a: Pick<OpenLineInput, 'order_date' | 'order_id' | 'line_no'>, b: Pick<OpenLineInput, 'order_date' | 'order_id' | 'line_no'>): number {
	return a.order_date < b.order_date ? -1 : a.order_date > b.order_date ? 1 : a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : a.line_no - b.line_no;
}

export type Cover = 'full' | 'partial' | 'none';

/** Walks lines in the given order with the on-hand quantity: which it covers now, in full or in part. */
export function coverage(qtys: number[], onHand: number | null): Cover[] {
	let left = onHand ?? 0;
	return qtys.map((q) => {
		if (left >= q) {
			left -= q;
			return 'full';
		}
		const c: Cover = left > 0 ? 'partial' : 'none';
		left = 0;
		return c;
	});
}

export interface QueueRow extends PricedLine {
	priority_rank: number;
	fcfs_rank: number;
	covered: Cover;
	fcfs_covered: Cover;
}

/** One SKU's fill queue: its lines in priority order beside their first-come-first-served rank and cover. */
export function skuQueue(lines: PricedLine[], onHand: number | null): QueueRow[] {
	const fcfs = [...lines].sort(byOrderDate);
	const fcfsCover = coverage(fcfs.map((l) => l.qty_open), onHand);
	const fcfsAt = new Map(fcfs.map((l, i) => [l, i]));
	const prio = [...lines].sort(byPriority);
	const cover = coverage(prio.map((l) => l.qty_open), onHand);
	return prio.map((l, i) => ({ ...l, priority_rank: i + 1, fcfs_rank: fcfsAt.get(l)! + 1, covered: cover[i], fcfs_covered: fcfsCover[fcfsAt.get(l)!] }));
}
