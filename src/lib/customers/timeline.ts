/**
 * One customer's history as events on one time axis: orders, backorders (a span from the order to the
 * day the backordered quantity shipped, was cancelled, or — still open — the data's last day), service
 * contacts, escalations, sales contacts and visits, and opportunities. Pure and browser-safe: the server
 * hands over rows from queries/customers/customer_*.sql and the page and the chart builder read events.
 */
import { differenceInCalendarDays, parseISO } from 'date-fns';

export const LANES = ['Orders', 'Backorders', 'Service contacts', 'Escalations', 'Sales contacts', 'Opportunities'] as const;
export type Lane = (typeof LANES)[number];

export interface CustomerOrderRow {
	order_id: string;
	order_date: string;
	lines: number;
	ordered_value: number;
	/** (qty − qty_cancelled)·unit_price */
	spend: number;
	backordered_lines: number;
	backordered_value: number;
	/** lines whose backordered quantity is neither filled nor wholly cancelled */
	open_lines: number;
	cancelled_lines: number;
	/** the last fill date among the backordered lines that were filled */
	last_filled: string | null;
}

export interface CustomerContactRow {
	contact_id: string;
	contact_at: string;
	team: string;
	channel: string | null;
	reason: string | null;
	note: string | null;
	order_id: string | null;
	escalated: boolean | null;
	csat: number | null;
	/** DESIGN §3 backorder-related */
	related: boolean;
}

export interface CustomerOpportunityRow {
	opportunity_id: string;
	created_date: string | null;
	closed_date: string;
	amount: number;
	outcome: string;
	loss_reason: string | null;
	competitor: string | null;
	note: string | null;
	related: boolean;
}

export type Tone = 'neutral' | 'cost' | 'saving' | 'muted' | 'accent';

export interface TimelineEvent {
	id: string;
	lane: Lane;
	/** ISO date (contacts: their day) */
	date: string;
	/** backorders: the end of the wait */
	end?: string;
	label: string;
	detail: string;
	tone: Tone;
	/** orders: the ordered value, for the marker size */
	value?: number;
	/** contacts: a visit is drawn bigger than a call */
	visit?: boolean;
	related?: boolean;
}

export type BackorderState = 'filled' | 'open' | 'cancelled';

export interface BackorderWait {
	order_id: string;
	order_date: string;
	end: string;
	days: number;
	state: BackorderState;
	lines: number;
	value: number;
}

const day = (ts: string) => ts.slice(0, 10);
const daysBetween = (a: string, b: string) => differenceInCalendarDays(parseISO(b), parseISO(a));

/**
 * How long a backordered order waited. Filled: to its last fill date. Open: until `asOf` (the data's
 * last day), still waiting. Every backordered line cancelled: the data do not say when, so it is drawn
 * as a point at the order date with 0 days.
 */
export function backorderWait(o: CustomerOrderRow, asOf: string): BackorderWait | null {
	if (!(o.backordered_lines > 0)) return null;
	let state: BackorderState;
	let end: string;
	if (o.open_lines > 0) {
		state = 'open';
		end = asOf > o.order_date ? asOf : o.order_date;
	} else if (o.last_filled) {
		state = 'filled';
		end = o.last_filled;
	} else {
		state = 'cancelled';
		end = o.order_date;
	}
	return { order_id: o.order_id, order_date: o.order_date, end, days: daysBetween(o.order_date, end), state, lines: o.backordered_lines, value: o.backordered_value };
}

function contactLabel(c: CustomerContactRow): string {
	const what = c.reason || c.note || 'contact';
	return `${c.channel ?? 'other'} · ${what}`;
}

export function buildTimeline(
	orders: readonly CustomerOrderRow[],
	contacts: readonly CustomerContactRow[],
	opportunities: readonly CustomerOpportunityRow[],
	asOf: string
): TimelineEvent[] {
	const events: TimelineEvent[] = [];
	for (const o of orders) {
		events.push({
			id: o.order_id,
			lane: 'Orders',
			date: o.order_date,
			label: o.order_id,
			detail: `${o.lines} ${o.lines === 1 ? 'line' : 'lines'}${o.backordered_lines > 0 ? `, ${o.backordered_lines} backordered` : ''}`,
			tone: o.backordered_lines > 0 ? 'cost' : 'neutral',
			value: o.ordered_value
		});
		const w = backorderWait(o, asOf);
		if (w) {
			events.push({
				id: `${o.order_id}:bo`,
				lane: 'Backorders',
				date: w.order_date,
				end: w.end,
				label: o.order_id,
				detail:
					w.state === 'open'
						? `open, waiting ${w.days} days so far`
						: w.state === 'cancelled'
							? 'backordered quantity cancelled'
							: `waited ${w.days} days`,
				tone: w.state === 'filled' ? 'cost' : 'muted',
				value: w.value
			});
		}
	}
	for (const c of contacts) {
		const base = {
			date: day(c.contact_at),
			label: contactLabel(c),
			detail: [c.order_id ? `about ${c.order_id}` : null, c.csat != null ? `CSAT ${c.csat}` : null, c.related ? 'backorder-related' : null]
				.filter(Boolean)
				.join(' · '),
			related: c.related
		};
		const team = c.team === 'sales' ? 'Sales contacts' : 'Service contacts';
		events.push({ ...base, id: c.contact_id, lane: team, tone: c.related ? 'cost' : 'neutral', visit: c.channel === 'visit' });
		if (c.escalated) events.push({ ...base, id: `${c.contact_id}:esc`, lane: 'Escalations', tone: 'cost' });
	}
	for (const p of opportunities) {
		events.push({
			id: p.opportunity_id,
			lane: 'Opportunities',
			date: p.closed_date,
			label: `${p.opportunity_id} · ${p.outcome.replace('_', ' ')}`,
			detail: [p.loss_reason, p.competitor ? `to ${p.competitor}` : null, p.related ? 'availability' : null].filter(Boolean).join(' · '),
			tone: p.outcome === 'won' ? 'saving' : p.related ? 'cost' : 'muted',
			value: p.amount,
			related: p.related
		});
	}
	return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : LANES.indexOf(a.lane) - LANES.indexOf(b.lane)));
}

/** Counts per lane, for the chart's text alternative and the page's summary. */
export function laneCounts(events: readonly TimelineEvent[]): Record<Lane, number> {
	const out = Object.fromEntries(LANES.map((l) => [l, 0])) as Record<Lane, number>;
	for (const e of events) out[e.lane]++;
	return out;
}
