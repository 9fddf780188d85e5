/**
 * One customer's page: header, timeline events, spend by month against the pre-incident level, the
 * backorders with their waits, and the customer's own words. All over the customer's whole history
 * (every query filters by customer_id); the period filter is shown, not applied.
 *
 * Cost at 10M lines (issue 9): the order lines are stored in order-date order, so "one customer" is a
 * full scan of a table (~100 ms for order_lines on two cores). The page scans each table once — the
 * header's counts are sums over the per-order rows and the lengths of the contact and opportunity lists,
 * and the contacts' backordered-order test reads the backordered lines only — and the finished page
 * data are kept per data version, customer and keyword list, so a return visit runs no query.
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
import { dataVersion } from '../metrics/summary';
import { VersionCache } from '../version-cache';
import { CustomersError } from './overview';

export const MAX_ID_LENGTH = 200;

/** queries/customers/customer.sql: the customers row, if any */
interface CustomerRow {
	name: string | null;
	segment: string | null;
	region: string | null;
	industry: string | null;
	sales_rep: string | null;
	annual_wallet: number | null;
}

/** queries/customers/customer_orders.sql: also the order's last line date, for the header */
interface OrderRow extends CustomerOrderRow {
	last_date: string | null;
}

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

/**
 * The header as queries/customers/customer.sql used to compute it with its own scans: the customers row
 * and counts over all of the customer's data, here summed from the rows the page reads anyway. Pure.
 */
export function customerHeader(
	id: string,
	customer: CustomerRow | undefined,
	orders: readonly OrderRow[],
	contacts: readonly unknown[],
	opportunities: readonly unknown[]
): HeaderRow {
	let lines = 0;
	let backordered = 0;
	let first: string | null = null;
	let last: string | null = null;
	for (const o of orders) {
		lines += o.lines;
		backordered += o.backordered_lines;
		// ISO dates: the string order is the date order (min/max skip NULLs, as SQL's do)
		if (o.order_date !== null && (first === null || o.order_date < first)) first = o.order_date;
		if (o.last_date !== null && (last === null || o.last_date > last)) last = o.last_date;
	}
	return {
		customer_id: id,
		in_customers: customer !== undefined,
		name: customer?.name ?? null,
		segment: customer?.segment ?? null,
		region: customer?.region ?? null,
		industry: customer?.industry ?? null,
		sales_rep: customer?.sales_rep ?? null,
		annual_wallet: customer?.annual_wallet ?? null,
		lines,
		backordered_lines: backordered,
		first_order: first,
		last_order: last,
		contacts: contacts.length,
		opportunities: opportunities.length
	};
}

/**
 * Finished page data by data version, customer, keyword pattern and data span. A detail is up to a few
 * hundred kB for the busiest customers at 10M lines, so few are kept; a load drops them all.
 */
const details = new VersionCache(32);

/** null when the id is unknown everywhere (the route answers 404). */
export async function customerDetail(id: string, keywords: readonly string[], data: { firstOrder: string | null; lastOrder: string | null }) {
	if (!id || id.length > MAX_ID_LENGTH) return null;
	const pattern = keywordPattern(keywords);
	const version = await dataVersion();
	return details.get(version, [id, pattern, data.firstOrder, data.lastOrder], () => buildDetail(id, pattern, data));
}

async function buildDetail(id: string, pattern: string, data: { firstOrder: string | null; lastOrder: string | null }) {
	const params: Params = { id, keyword_pattern: pattern };
	// one scan of each table, all at once
	const [customer, orders, contacts, opps] = await Promise.all([
		rows<CustomerRow>('customer', params).then((r) => r[0]),
		rows<OrderRow>('customer_orders', params),
		rows<CustomerContactRow>('customer_contacts', params),
		rows<CustomerOpportunityRow>('customer_opportunities', params)
	]);
	const header = customerHeader(id, customer, orders, contacts, opps);
	if (!header.in_customers && header.lines + header.contacts + header.opportunities === 0) return null;
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
