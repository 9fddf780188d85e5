/**
 * The breakdown of the ledger by one (or two) dimensions: query rows per member + the ledger's own
 * rates (gross margin, win rate, the wallet loss) + the assumptions → every cost component per member.
 * Prices are applied exactly as the ledger applies them (src/lib/metrics/ledger.ts), per member, so by
 * linearity the members plus "unattributed" add up to /api/summary. Pure, safe in the browser.
 *
 * Attribution (documented on /drivers and /methodology; the filters' scope is src/lib/scope.ts):
 * - service and sales contacts: whole to their customer, month and channel; over products, split equally
 *   over the linked order's backordered lines (or its lines, when none is backordered); a contact with no
 *   order line to go by is unattributed for a product breakdown.
 * - cancelled margin: by the line (product, customer, order month); no channel → unattributed.
 * - deals lost: by the opportunity's customer and closing month; no product or channel → unattributed.
 * - share-of-wallet loss: the company's estimate, pro rata to treated customers' pre-window revenue, by
 *   customer attributes and incident month, over products by the incident month's backordered value
 *   (src/lib/ledger/wallet-scope.ts); no channel → unattributed.
 * - all margins use the period's gross margin and win rate over all customers and products, as the ledger
 *   does, so members add up and a picked member's figures equal its row.
 * Rows outside the filters' reach (in_scope = false) are summed apart as `not_attributable`.
 */
import { salesFigures, serviceFigures, type ContactGroupRow } from '$lib/metrics/ledger';
import type { Assumptions } from '$lib/metrics/assumptions';
import { COST_KEYS, type CostKey } from './dimensions';

interface MemberKeyed {
	attributed: boolean;
	member: string | null;
	member2: string | null;
	label: string | null;
	/** false: outside the filters' reach (not attributable to them); absent = in scope */
	in_scope?: boolean;
}

export interface LinesMemberRow extends MemberKeyed {
	lines: number;
	backordered_lines: number;
	backordered_value: number;
	cancelled_value: number;
}

export interface ContactsMemberRow extends MemberKeyed {
	team: string;
	channel: string;
	contacts: number;
	escalated: number;
	minutes: number;
	minutes_missing: number;
}

export interface DealsMemberRow extends MemberKeyed {
	lost_deals: number;
	lost_value: number;
}

/** The wallet loss already placed on a member (by the rule of src/lib/ledger/wallet-scope.ts). */
export interface WalletMemberRow extends MemberKeyed {
	treated: number;
	lost_margin: number;
}

export interface Rates {
	gross_margin: number;
	win_rate: number;
}

export interface MemberRow extends Record<CostKey, number> {
	/** stable key: member (and member2) or the unattributed marker */
	key: string;
	member: string | null;
	member2: string | null;
	/** display text: the member, a customer's name, "(none)" or "Unattributed" */
	label: string;
	kind: 'member' | 'none' | 'unattributed' | 'not_attributable' | 'total';
	lines: number;
	backordered_lines: number;
	backordered_value: number;
	cancelled_value: number;
	service_contacts: number;
	sales_activities: number;
	sales_hours: number;
	lost_deals: number;
	lost_deal_value: number;
	treated_customers: number;
	total: number;
}

export const UNATTRIBUTED_KEY = '\u0000unattributed';
export const NOT_ATTRIBUTABLE_KEY = '\u0000not_attributable';
export const NONE_LABEL = '(none)';
export const UNATTRIBUTED_LABEL = 'Unattributed';

function emptyRow(key: string, member: string | null, member2: string | null, label: string, kind: MemberRow['kind']): MemberRow {
	return {
		key,
		member,
		member2,
		label,
		kind,
		lines: 0,
		backordered_lines: 0,
		backordered_value: 0,
		cancelled_value: 0,
		service_contacts: 0,
		sales_activities: 0,
		sales_hours: 0,
		lost_deals: 0,
		lost_deal_value: 0,
		treated_customers: 0,
		service_cost: 0,
		sales_cost: 0,
		sales_opportunity_cost: 0,
		cancelled_margin: 0,
		wallet_lost_margin: 0,
		deals_expected_lost_margin: 0,
		total: 0
	};
}

export const keyOf = (r: MemberKeyed): string =>
	r.in_scope === false ? NOT_ATTRIBUTABLE_KEY : r.attributed ? JSON.stringify([r.member, r.member2]) : UNATTRIBUTED_KEY;

export interface BreakdownResult {
	/** attributed members, largest total first (ties by label) */
	members: MemberRow[];
	unattributed: MemberRow;
	/** members + unattributed: the cost in view */
	totals: MemberRow;
	/** what the filters cannot reach, shown beside the total and left out of it */
	not_attributable: MemberRow;
}

export function assembleBreakdown(
	src: { lines: LinesMemberRow[]; contacts: ContactsMemberRow[]; deals: DealsMemberRow[]; wallet: WalletMemberRow[] },
	rates: Rates,
	a: Pick<Assumptions, 'channel_cost' | 'escalation_cost' | 'default_minutes' | 'sales_loaded_rate' | 'margin_per_selling_hour'>
): BreakdownResult {
	const rows = new Map<string, MemberRow>();
	const contactsBy = new Map<string, ContactGroupRow[]>();
	const unattributed = emptyRow(UNATTRIBUTED_KEY, null, null, UNATTRIBUTED_LABEL, 'unattributed');
	const outside = emptyRow(NOT_ATTRIBUTABLE_KEY, null, null, 'Not attributable to the filters', 'not_attributable');
	const get = (r: MemberKeyed): MemberRow => {
		const key = keyOf(r);
		if (key === UNATTRIBUTED_KEY) return unattributed;
		if (key === NOT_ATTRIBUTABLE_KEY) return outside;
		let row = rows.get(key);
		if (!row) {
			const none = r.member === null;
			row = emptyRow(key, r.member, r.member2, r.label ?? r.member ?? NONE_LABEL, none ? 'none' : 'member');
			rows.set(key, row);
		} else if (r.label && row.label === (row.member ?? NONE_LABEL)) row.label = r.label;
		return row;
	};

	for (const l of src.lines) {
		const row = get(l);
		row.lines += l.lines;
		row.backordered_lines += l.backordered_lines;
		row.backordered_value += l.backordered_value;
		row.cancelled_value += l.cancelled_value;
	}
	for (const c of src.contacts) {
		const row = get(c);
		const list = contactsBy.get(row.key) ?? [];
		list.push({
			team: c.team,
			channel: c.channel,
			backorder_related: true,
			contacts: c.contacts,
			escalated: c.escalated,
			minutes: c.minutes,
			minutes_missing: c.minutes_missing,
			csat_sum: 0,
			csat_count: 0
		});
		contactsBy.set(row.key, list);
	}
	for (const d of src.deals) {
		const row = get(d);
		row.lost_deals += d.lost_deals;
		row.lost_deal_value += d.lost_value;
	}
	for (const w of src.wallet) {
		const row = get(w);
		row.wallet_lost_margin += w.lost_margin;
		row.treated_customers += w.treated;
	}

	const all = [...rows.values(), unattributed];
	for (const row of [...all, outside]) {
		const contacts = contactsBy.get(row.key) ?? [];
		const service = serviceFigures(contacts, a);
		const sales = salesFigures(contacts, a);
		row.service_contacts = service.backorder_contacts;
		row.service_cost = service.cost;
		row.sales_activities = sales.backorder_activities;
		row.sales_hours = sales.hours;
		row.sales_cost = sales.cost;
		row.sales_opportunity_cost = sales.opportunity_cost;
		row.cancelled_margin = row.cancelled_value * rates.gross_margin;
		row.deals_expected_lost_margin = row.lost_deal_value * rates.win_rate * rates.gross_margin;
		row.total = COST_KEYS.reduce((s, k) => s + row[k], 0);
	}
	const members = [...rows.values()].sort((x, y) => y.total - x.total || x.label.localeCompare(y.label));
	return { members, unattributed, totals: sumRows(all), not_attributable: outside };
}

const SUMMED = [
	'lines',
	'backordered_lines',
	'backordered_value',
	'cancelled_value',
	'service_contacts',
	'sales_activities',
	'sales_hours',
	'lost_deals',
	'lost_deal_value',
	'treated_customers',
	...COST_KEYS,
	'total'
] as const;

export function sumRows(rows: readonly MemberRow[]): MemberRow {
	const t = emptyRow('\u0000total', null, null, 'Total', 'total');
	for (const r of rows) for (const k of SUMMED) t[k] += r[k];
	return t;
}
