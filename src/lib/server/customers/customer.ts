/**
 * One customer's page: header, timeline events, spend by month against the pre-incident level, the
 * backorders with their waits, and the customer's own words. All over the customer's whole history
 * (every query filters by customer_id); the period filter is shown, not applied.
 */
import { keywordPattern } from '$lib/metrics/keywords';
import {
	backorderWait,
	buildTimeline,
	type BackorderWait,
	type CustomerContactRow,
	type CustomerOpportunityRow,
	type CustomerOrderRow
} from '$lib/customers/timeline';
import { spendSeries } from '$lib/customers/spend';
import { runQuery, type Params } from '../db';
import { CustomersError } from './overview';

export const MAX_ID_LENGTH = 200;

interface HeaderRow {
	customer_id: string;
	in_customers: boolean;
	name: string | null;
	segment: string | null;
	region: string | null;
	industry: string | null;
	sales_rep: string | null;
	annual_wallet: number | null;
	lines: number;
	backordered_lines: number;
	first_order: string | null;
	last_order: string | null;
	contacts: number;
	opportunities: number;
}

export interface Verbatim {
	kind: 'contact' | 'deal';
	id: string;
	date: string;
	text: string;
	context: string;
	related: boolean;
	escalated: boolean;
	csat: number | null;
}

async function rows<T>(name: string, params: Params): Promise<T[]> {
	const r = await runQuery<T>(`customers/${name}`, params);
	if (!r.ok) throw new CustomersError(`${r.error.query}: ${r.error.message}`);
	return r.rows;
}

/** Notes, backorder-related first, then newest; at most `limit`. */
export function verbatims(contacts: readonly CustomerContactRow[], opps: readonly CustomerOpportunityRow[], limit = 40): { list: Verbatim[]; total: number } {
	const all: Verbatim[] = [];
	for (const c of contacts) {
		const text = c.note?.trim();
		if (!text) continue;
		all.push({
			kind: 'contact',
			id: c.contact_id,
			date: c.contact_at.slice(0, 10),
			text,
			context: [c.team, c.channel ?? 'other', c.reason].filter(Boolean).join(' · '),
			related: c.related,
			escalated: !!c.escalated,
			csat: c.csat
		});
	}
	for (const o of opps) {
		const text = o.note?.trim();
		if (!text) continue;
		all.push({
			kind: 'deal',
			id: o.opportunity_id,
			date: o.closed_date,
			text,
			context: [`deal ${o.outcome.replace('_', ' ')}`, o.loss_reason, o.competitor ? `to ${o.competitor}` : null].filter(Boolean).join(' · '),
			related: o.related,
			escalated: false,
			csat: null
		});
	}
	all.sort((a, b) => Number(b.related) - Number(a.related) || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
	return { list: all.slice(0, limit), total: all.length };
}

/** null when the id is unknown everywhere (the route answers 404). */
export async function customerDetail(id: string, keywords: readonly string[], data: { firstOrder: string | null; lastOrder: string | null }) {
	if (!id || id.length > MAX_ID_LENGTH) return null;
	const params: Params = { id, keyword_pattern: keywordPattern(keywords) };
	const [header] = await rows<HeaderRow>('customer', params);
	if (!header || (!header.in_customers && header.lines + header.contacts + header.opportunities === 0)) return null;
	const [orders, contacts, opps] = await Promise.all([
		rows<CustomerOrderRow>('customer_orders', params),
		rows<CustomerContactRow>('customer_contacts', params),
		rows<CustomerOpportunityRow>('customer_opportunities', params)
	]);
	const asOf = data.lastOrder ?? header.last_order ?? new Date().toISOString().slice(0, 10);
	const from = data.firstOrder ?? header.first_order ?? asOf;
	const waits = orders
		.map((o) => backorderWait(o, asOf))
		.filter((w): w is BackorderWait => w !== null)
		.map((w) => ({ ...w, contacts: contacts.filter((c) => c.order_id === w.order_id) }));
	const backordered = new Set(waits.map((w) => w.order_id));
	/** backorder-related by keyword without naming one of the customer's backordered orders */
	const otherRelated = contacts.filter((c) => c.related && !(c.order_id && backordered.has(c.order_id)));
	const spend = spendSeries(orders, from, asOf);
	const lifetime = orders.reduce((s, o) => s + o.spend, 0);
	return {
		header,
		events: buildTimeline(orders, contacts, opps, asOf),
		spend,
		waits,
		other_related: otherRelated,
		verbatims: verbatims(contacts, opps),
		stats: {
			orders: orders.length,
			lifetime_spend: lifetime,
			backordered_orders: waits.length,
			open_backorders: waits.filter((w) => w.state === 'open').length,
			related_contacts: contacts.filter((c) => c.related).length,
			escalations: contacts.filter((c) => c.escalated).length,
			lost_deals: opps.filter((o) => o.outcome !== 'won' && o.related).length,
			as_of: asOf,
			data_from: from
		}
	};
}

export type CustomerDetail = NonNullable<Awaited<ReturnType<typeof customerDetail>>>;
