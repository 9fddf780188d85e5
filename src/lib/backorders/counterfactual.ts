/**
 * DESIGN §4 "What prioritising would have saved": per SKU, the fill dates that actually happened are
 * handed out again to that SKU's backordered lines, once in order-date order and once in priority order,
 * and the change in delay buckets is priced with the same by-bucket effects and contact rates as the
 * fill queue. Pure module.
 *
 * Re-assignment: the SKU's fill dates are taken in date order and each goes to the waiting line (ordered
 * on or before that date, not yet filled) that comes first — earliest order date, or highest cost of one
 * more week per unit. A line is never filled before it was ordered; since the real fills were feasible,
 * every date finds a waiting line. Each fill date fills one line (quantities are not split).
 *
 * Pricing, per line: its bucket (≤10 days, >10 days by fill − order date) costs −did_pct(bucket) × its
 * customer's 12-month revenue shared over the customer's lines × gross margin. A line moved from >10 to
 * ≤10 days saves Δ = did(≤10) − did(>10) times that share; one moved the other way costs it. Contacts
 * per line-week × their cost price the total wait, which re-assignment leaves unchanged (the same fill
 * dates and order dates), so their saving is 0 by construction, reported as computed.
 */
import { finish, type Steps } from '$lib/steps';
import { crossingDelta, SHORT_DELAY_DAYS, WEEK_DAYS, type BucketEffects } from './pricing';

export interface HistoryLine {
	order_id: string;
	customer_id: string;
	sku: string;
	order_date: string;
	filled_date: string;
	qty_open: number;
	revenue_12m: number;
	/** the customer's lines of this kind over every product: its revenue is shared over them */
	customer_lines: number;
	segment: string | null;
	supplier: string | null;
}

export interface SavingGroup {
	key: string | null;
	saving: number | null;
	low: number | null;
	high: number | null;
	lines: number;
	/** lines whose delay bucket differs between the two orders */
	moved: number;
}

export interface Saving extends Omit<SavingGroup, 'key'> {
	/** why saving is null */
	reason: string | null;
	/** why low/high are null while saving is not */
	interval_reason: string | null;
	wallet_saving: number | null;
	contact_saving: number | null;
	by_segment: SavingGroup[];
	by_supplier: SavingGroup[];
}

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** Hands the fill dates out in date order, each to the first waiting line by `first`. Returns each line's fill date. */
export function reassign<L extends { order_date: string }>(lines: L[], fills: string[], first: (a: L, b: L) => number): Map<L, string> {
	const out = new Map<L, string>();
	const byOrder = [...lines].sort((a, b) => (a.order_date < b.order_date ? -1 : a.order_date > b.order_date ? 1 : 0));
	const waiting: L[] = [];
	let next = 0;
	for (const d of [...fills].sort()) {
		while (next < byOrder.length && byOrder[next].order_date <= d) waiting.push(byOrder[next++]);
		if (waiting.length === 0) continue; // cannot happen with real fills; a date with no line is dropped
		let best = 0;
		for (let i = 1; i < waiting.length; i++) if (first(waiting[i], waiting[best]) < 0) best = i;
		out.set(waiting[best], d);
		waiting.splice(best, 1);
	}
	return out;
}

/**
 * The re-assignment itself, line by line (index i of `lines`): whether priority moves the line into
 * (+1) or out of (−1) the ≤10-day bucket, the weeks it waits less, and its share of its customer's
 * revenue × margin. It depends on every line of the period and on the pricing, never on a filter (a
 * filter takes its lines' part), so one plan serves every filter set of a period. Typed arrays: a new
 * filter set then costs one pass over the lines, no allocation per line (issue 15, 10M lines).
 */
export interface ReassignmentPlan {
	d: ReturnType<typeof crossingDelta>;
	/** each line's segment and supplier (the saving's groups); the plan keeps no line objects, so a
	 * period's plan held in memory costs a few arrays, not every line's fields (30M lines: ~1M lines) */
	segment: (string | null)[];
	supplier: (string | null)[];
	share: Float64Array;
	sign: Int8Array;
	weeksSaved: Float64Array;
}

export function planReassignment(all: HistoryLine[], effects: BucketEffects, grossMargin: number, contactWeek: number | null): ReassignmentPlan {
	return finish(planReassignmentSteps(all, effects, grossMargin, contactWeek));
}

/** planReassignment in steps (one per SKU, one per 2¹⁶ lines): the server runs them in slices (src/lib/server/slices.ts). */
export function* planReassignmentSteps(all: HistoryLine[], effects: BucketEffects, grossMargin: number, contactWeek: number | null): Steps<ReassignmentPlan> {
	const d = crossingDelta(effects);
	const n = all.length;
	const share = new Float64Array(n);
	for (let i = 0; i < n; i++) share[i] = (all[i].revenue_12m / Math.max(1, all[i].customer_lines)) * grossMargin;
	const plan = { d, segment: all.map((l) => l.segment), supplier: all.map((l) => l.supplier), share, sign: new Int8Array(n), weeksSaved: new Float64Array(n) };
	if (d.delta === null) return plan;
	// per SKU, its lines as (order date, index) pairs: the comparators read the per-unit cost by index
	type E = { order_date: string; order_id: string; i: number };
	const bySku = new Map<string, E[]>();
	for (let i = 0; i < n; i++) {
		if ((i & 0xffff) === 0xffff) yield;
		const l = all[i];
		const g = bySku.get(l.sku);
		const e = { order_date: l.order_date, order_id: l.order_id, i };
		if (g) g.push(e);
		else bySku.set(l.sku, [e]);
	}
	const perUnit = new Float64Array(n);
	for (let i = 0; i < n; i++) perUnit[i] = (Math.max(0, d.delta) * share[i] + (contactWeek ?? 0)) / (all[i].qty_open > 0 ? all[i].qty_open : 1);
	const byDate = (a: E, b: E) => (a.order_date < b.order_date ? -1 : a.order_date > b.order_date ? 1 : a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : 0);
	for (const group of bySku.values()) {
		const fills = group.map((e) => all[e.i].filled_date);
		const fcfs = reassign(group, fills, byDate);
		const prio = reassign(group, fills, (a, b) => perUnit[b.i] - perUnit[a.i] || byDate(a, b));
		for (const e of group) {
			const l = all[e.i];
			const f = days(l.order_date, fcfs.get(e)!);
			const p = days(l.order_date, prio.get(e)!);
			plan.weeksSaved[e.i] = (f - p) / WEEK_DAYS;
			const shortF = f <= SHORT_DELAY_DAYS;
			const shortP = p <= SHORT_DELAY_DAYS;
			plan.sign[e.i] = shortP === shortF ? 0 : shortP ? 1 : -1;
		}
		yield;
	}
	return plan;
}

/** Running sums of one subset of the plan's lines. */
interface Sums {
	k: number;
	weeks: number;
	lines: number;
	moved: number;
}
const zero = (): Sums => ({ k: 0, weeks: 0, lines: 0, moved: 0 });

/**
 * The saving of filling by priority instead of order date. `contactWeek` is the expected contact cost of
 * one backordered line-week (null: n/a, the saving then leaves contacts out and says so in `reason`).
 * Every line takes part in the re-assignment; the totals are over the lines `inScope` keeps (a filter's
 * part of the one counterfactual: over any partition the parts add up to the whole). A given `plan`
 * must have been made from `all`.
 */
export function prioritySaving(
	all: HistoryLine[],
	effects: BucketEffects,
	grossMargin: number,
	contactWeek: number | null,
	inScope: (l: HistoryLine, i: number) => boolean = () => true
): Saving {
	return planSaving(planReassignment(all, effects, grossMargin, contactWeek), contactWeek, (i) => inScope(all[i], i));
}

/** prioritySaving from a plan made before (with the same contact cost): the lines `inScope` keeps, by index. */
export function planSaving(plan: ReassignmentPlan, contactWeek: number | null, inScope: (i: number) => boolean = () => true): Saving {
	const { d, segment, supplier, share, sign, weeksSaved } = plan;
	// one pass: the whole and each segment's and supplier's sums
	const whole = zero();
	const seg = new Map<string | null, Sums>();
	const sup = new Map<string | null, Sums>();
	const add = (m: Map<string | null, Sums>, key: string | null, i: number) => {
		let t = m.get(key);
		if (!t) m.set(key, (t = zero()));
		t.k += sign[i] * share[i];
		t.weeks += weeksSaved[i];
		t.lines++;
		if (sign[i] !== 0) t.moved++;
	};
	for (let i = 0; i < sign.length; i++) {
		if (!inScope(i)) continue;
		whole.k += sign[i] * share[i];
		whole.weeks += weeksSaved[i];
		whole.lines++;
		if (sign[i] !== 0) whole.moved++;
		add(seg, segment[i], i);
		add(sup, supplier[i], i);
	}
	if (d.delta === null) {
		return { lines: whole.lines, moved: 0, by_segment: [], by_supplier: [], saving: null, low: null, high: null, wallet_saving: null, contact_saving: null, reason: `the by-bucket effect is n/a (${d.reason})`, interval_reason: null };
	}
	// a subset's wallet part is Δ × its net share moved into ≤10 days; its contact part is the weeks saved
	// × the contact cost (0 over all lines, as the same fill dates keep the total wait)
	const price = (t: Sums) => {
		const contact = contactWeek === null ? null : t.weeks * contactWeek;
		const c = contact ?? 0;
		const ends = d.low === null || d.high === null ? null : [d.low * t.k + c, d.high * t.k + c].sort((a, b) => a - b);
		const wallet = d.delta! * t.k;
		return { wallet, contact, saving: wallet + c, low: ends ? ends[0] : null, high: ends ? ends[1] : null };
	};
	const groups = (m: Map<string | null, Sums>): SavingGroup[] =>
		[...m]
			.map(([key, t]) => {
				const p = price(t);
				return { key, saving: p.saving, low: p.low, high: p.high, lines: t.lines, moved: t.moved };
			})
			.sort((a, b) => (b.saving ?? 0) - (a.saving ?? 0));
	const w = price(whole);
	return {
		lines: whole.lines,
		moved: whole.moved,
		saving: w.saving,
		low: w.low,
		high: w.high,
		wallet_saving: w.wallet,
		contact_saving: w.contact,
		reason: w.contact === null ? 'contacts are left out: their rate per line-week is n/a' : null,
		interval_reason: w.low === null ? 'the by-bucket effects carry no interval' : null,
		by_segment: groups(seg),
		by_supplier: groups(sup)
	};
}
