/**
 * Drill-down vocabulary shared by the API, the exports and the page: the three record kinds, their
 * columns, the member a drill is about (`m=supplier:Acme`, `m=supplier:(none)`,
 * `m=supplier:(unattributed)`), the search pattern and paging limits. Pure, safe in the browser.
 */
import { MAX_FILTER_LENGTH } from '$lib/filters';
import { NONE_TOKEN, isDimension, type Dimension } from './dimensions';

export const DRILL_KINDS = ['lines', 'contacts', 'deals'] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];
export const isDrillKind = (s: string | null | undefined): s is DrillKind => !!s && (DRILL_KINDS as readonly string[]).includes(s);

export const DRILL_LABELS: Record<DrillKind, string> = { lines: 'Order lines', contacts: 'Contacts', deals: 'Opportunities' };
/** What each kind's cost column adds up to. */
export const DRILL_FIGURE: Record<DrillKind, string> = {
	lines: 'cancelled margin',
	contacts: 'service and sales contact cost',
	deals: 'expected margin of deals lost'
};

export type ColumnType = 'text' | 'money' | 'number' | 'share' | 'date' | 'customer' | 'bool';
export interface Column {
	key: string;
	label: string;
	type: ColumnType;
}

export const DRILL_COLUMNS: Record<DrillKind, Column[]> = {
	lines: [
		{ key: 'order_id', label: 'Order', type: 'text' },
		{ key: 'line_no', label: 'Line', type: 'number' },
		{ key: 'order_date', label: 'Ordered', type: 'date' },
		{ key: 'customer_id', label: 'Customer', type: 'customer' },
		{ key: 'customer_name', label: 'Customer name', type: 'text' },
		{ key: 'sku', label: 'SKU', type: 'text' },
		{ key: 'description', label: 'Description', type: 'text' },
		{ key: 'category', label: 'Category', type: 'text' },
		{ key: 'supplier', label: 'Supplier', type: 'text' },
		{ key: 'qty', label: 'Qty', type: 'number' },
		{ key: 'qty_backordered', label: 'Backordered', type: 'number' },
		{ key: 'qty_cancelled', label: 'Cancelled', type: 'number' },
		{ key: 'unit_price', label: 'Unit price', type: 'money' },
		{ key: 'backordered_value', label: 'Backordered value', type: 'money' },
		{ key: 'cancelled_value', label: 'Cancelled value', type: 'money' },
		{ key: 'cancelled_margin', label: 'Cancelled margin', type: 'money' },
		{ key: 'promised_date', label: 'Promised', type: 'date' },
		{ key: 'filled_date', label: 'Filled', type: 'date' },
		{ key: 'backorder_days', label: 'Days', type: 'number' }
	],
	contacts: [
		{ key: 'contact_id', label: 'Contact', type: 'text' },
		{ key: 'contact_at', label: 'When', type: 'date' },
		{ key: 'customer_id', label: 'Customer', type: 'customer' },
		{ key: 'customer_name', label: 'Customer name', type: 'text' },
		{ key: 'team', label: 'Team', type: 'text' },
		{ key: 'channel', label: 'Channel', type: 'text' },
		{ key: 'reason', label: 'Reason', type: 'text' },
		{ key: 'note', label: 'Note', type: 'text' },
		{ key: 'order_id', label: 'Order', type: 'text' },
		{ key: 'minutes', label: 'Minutes', type: 'number' },
		{ key: 'escalated', label: 'Escalated', type: 'bool' },
		{ key: 'share', label: 'Share', type: 'share' },
		{ key: 'cost', label: 'Cost', type: 'money' }
	],
	deals: [
		{ key: 'opportunity_id', label: 'Opportunity', type: 'text' },
		{ key: 'customer_id', label: 'Customer', type: 'customer' },
		{ key: 'customer_name', label: 'Customer name', type: 'text' },
		{ key: 'created_date', label: 'Created', type: 'date' },
		{ key: 'closed_date', label: 'Closed', type: 'date' },
		{ key: 'outcome', label: 'Outcome', type: 'text' },
		{ key: 'amount', label: 'Amount', type: 'money' },
		{ key: 'loss_reason', label: 'Loss reason', type: 'text' },
		{ key: 'competitor', label: 'Competitor', type: 'text' },
		{ key: 'note', label: 'Note', type: 'text' },
		{ key: 'expected_lost_margin', label: 'Expected lost margin', type: 'money' }
	]
};

export const UNATTRIBUTED_TOKEN = '(unattributed)';

export type DrillMember =
	| { dim: Dimension; kind: 'value'; value: string }
	| { dim: Dimension; kind: 'none' }
	| { dim: Dimension; kind: 'unattributed' };

export function parseDrillMember(s: string | null): DrillMember | null | 'invalid' {
	if (s === null || s === '') return null;
	const i = s.indexOf(':');
	const dim = i > 0 ? s.slice(0, i) : '';
	const raw = s.slice(i + 1);
	if (!isDimension(dim) || raw === '' || raw.length > MAX_FILTER_LENGTH) return 'invalid';
	if (raw === NONE_TOKEN) return { dim, kind: 'none' };
	if (raw === UNATTRIBUTED_TOKEN) return { dim, kind: 'unattributed' };
	return { dim, kind: 'value', value: raw };
}

export function drillMemberString(m: DrillMember): string {
	return `${m.dim}:${m.kind === 'value' ? m.value : m.kind === 'none' ? NONE_TOKEN : UNATTRIBUTED_TOKEN}`;
}

export const DRILL_PAGE_SIZE = 50;
export const DRILL_MAX_LIMIT = 1000;
export const MAX_SEARCH_LENGTH = 100;

/** An ILIKE pattern for a search text: LIKE wildcards in the text are escaped (ESCAPE '\'). */
export function searchPattern(q: string | null | undefined): string | null {
	const t = q?.trim();
	if (!t) return null;
	return `%${t.slice(0, MAX_SEARCH_LENGTH).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
