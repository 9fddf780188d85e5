/**
 * Mappings suggested for an export no saved mapping or preset knows (DESIGN §2.1 "columns suggested
 * from header names and sample values"), in the manner of react-spreadsheet-import's findMatch: each
 * canonical column has synonyms; a header matches the closest of them by edit distance under a
 * threshold (or contains one as whole words), each header serves one column of a table, and the
 * sample values must fit the column's type. Enum columns get a value map from value synonyms
 * ("Social media" → other). A file becomes every table whose required columns it covers: a
 * denormalised export of one row per order line gives order lines, customers and products, the
 * dimensions keeping each key's first row. Pure: the server offers these, the user corrects them.
 */
import { detectDateFamily } from './date-formats';
import type { Expr, FileShape, TableMapping } from './mapping';
import { SCHEMA, TABLE_NAMES, type ColumnSpec, type TableName } from '$lib/schema';

/** Other names exports give each canonical column (ERPs, CRMs, helpdesks; SAP field names). */
export const SYNONYMS: Record<string, readonly string[]> = {
	customer_id: ['customer', 'customer id', 'customer number', 'customer no', 'account', 'account id', 'client id', 'sold to', 'kunnr', 'kunag', 'partner id', 'order customer id', 'customer email'],
	name: ['customer name', 'company name', 'company', 'account name', 'client name'],
	segment: ['customer segment', 'customer group', 'tier', 'customer class'],
	region: ['sales region', 'territory', 'market', 'area', 'customer region'],
	industry: ['sector', 'vertical', 'industry segment'],
	sales_rep: ['sales agent', 'account manager', 'salesperson', 'sales rep', 'owner', 'deal owner', 'employee id', 'sales employee'],
	annual_wallet: ['wallet', 'annual spend', 'potential', 'annual potential'],
	sku: ['product', 'product id', 'product code', 'item', 'item number', 'item code', 'material', 'matnr', 'article', 'part number', 'product card id', 'sku'],
	description: ['product name', 'item description', 'material description', 'product description'],
	category: ['product category', 'category name', 'item group', 'material group', 'product line'],
	supplier: ['vendor', 'supplier name', 'vendor name', 'manufacturer', 'supplier id'],
	unit_cost: ['cost', 'unit cost', 'standard cost', 'cost price', 'purchase price', 'moving average price'],
	lead_time_days: ['lead time', 'lead time days', 'replenishment time', 'planned delivery time'],
	order_id: ['order', 'order id', 'order number', 'order no', 'sales order', 'sales document', 'so number', 'vbeln va', 'salesorderid'],
	line_no: ['line', 'line number', 'line no', 'item no', 'order item', 'order item id', 'posnr va', 'position', 'salesorderitem'],
	order_date: ['order date', 'date ordered', 'created', 'created at', 'document date', 'order date dateorders', 'erdat', 'orderdate'],
	promised_date: ['required date', 'requested date', 'due date', 'promise date', 'promised date', 'delivery date', 'expected date', 'commit date'],
	ship_date: ['shipped date', 'ship date', 'shipping date', 'date shipped', 'shipping date dateorders', 'goods issue date', 'wadat ist', 'dispatch date'],
	qty: ['quantity', 'order quantity', 'ordered quantity', 'qty ordered', 'order item quantity', 'units', 'kwmeng'],
	unit_price: ['price', 'unit price', 'net price', 'sales price', 'order item product price', 'item price', 'selling price'],
	qty_backordered: ['backordered', 'backorder quantity', 'qty backordered', 'quantity backordered', 'back order qty'],
	backorder_filled_date: ['backorder filled', 'backorder fill date', 'filled date'],
	qty_cancelled: ['cancelled quantity', 'canceled quantity', 'qty canceled', 'cancelled qty'],
	line_status: ['status', 'order status', 'line status', 'item status', 'delivery status'],
	snapshot_date: ['date', 'stock date', 'as of', 'posting date', 'inventory date', 'budat'],
	on_hand_qty: ['on hand', 'quantity on hand', 'stock', 'stock quantity', 'unrestricted stock', 'available', 'labst', 'bwmng', 'units in stock'],
	contact_id: ['ticket id', 'ticket', 'case id', 'case number', 'interaction id', 'activity id', 'call id'],
	contact_at: ['created', 'created at', 'date', 'opened', 'ticket created', 'first response time', 'activity date', 'contact date'],
	team: ['department', 'queue', 'function'],
	channel: ['ticket channel', 'source', 'medium', 'contact channel', 'activity type', 'via'],
	reason: ['ticket type', 'category', 'issue type', 'reason code', 'topic', 'ticket subject', 'subject'],
	note: ['ticket description', 'description', 'comment', 'comments', 'notes', 'body', 'summary'],
	minutes: ['duration', 'handle time', 'talk time', 'minutes spent', 'duration minutes'],
	escalated: ['is escalated', 'escalation', 'priority escalated'],
	csat: ['customer satisfaction rating', 'satisfaction', 'csat score', 'rating'],
	opportunity_id: ['opportunity', 'opportunity id', 'deal id', 'deal', 'opportunity number'],
	created_date: ['engage date', 'created', 'created date', 'open date', 'reporting date'],
	closed_date: ['close date', 'closed date', 'close date expected close date', 'closing date', 'won lost date'],
	amount: ['value', 'deal size', 'deal value', 'close value', 'amount', 'revenue', 'expected revenue'],
	outcome: ['stage', 'sales stage', 'deal stage', 'result', 'status', 'won lost'],
	loss_reason: ['lost reason', 'reason lost', 'close reason', 'loss reason'],
	competitor: ['competitor', 'lost to', 'winning competitor'],
	qty_shipped: ['shipped quantity', 'delivered quantity', 'delivery quantity', 'qty shipped', 'lfimg', 'quantity shipped'],
	shipment_id: ['delivery', 'delivery number', 'shipment', 'shipment number', 'vbeln', 'tracking number']
};

/** Values exports write for the canonical enums. */
export const VALUE_SYNONYMS: Record<string, readonly string[]> = {
	phone: ['call', 'telephone', 'voice', 'phone call', 'inbound call', 'outbound call'],
	email: ['e-mail', 'mail', 'e mail'],
	chat: ['live chat', 'messenger', 'whatsapp', 'web chat'],
	portal: ['web', 'website', 'self-service', 'self service', 'web form', 'online', 'customer portal'],
	visit: ['onsite', 'on-site', 'field visit', 'meeting', 'site visit'],
	other: ['social media', 'social', 'twitter', 'facebook', 'sms', 'letter'],
	won: ['closed won', 'win', 'won'],
	lost: ['closed lost', 'loss', 'lost'],
	no_bid: ['no bid', 'withdrawn', 'not bid', 'declined to bid'],
	service: ['support', 'helpdesk', 'customer service', 'service desk'],
	sales: ['sales', 'account management', 'inside sales']
};

const words = (s: string) =>
	s
		.replace(/^\uFEFF/, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
const compact = (s: string) => words(s).replace(/ /g, '');

/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		prev = cur;
	}
	return prev[b.length];
}

/**
 * How well a header names a canonical column: 0 for its name, under 1 for a synonym (earlier ones
 * better), the edit distance when it
 * is small for the word's length (a typo, a plural), 3+ when the header holds a synonym as whole
 * words ("Order Item Quantity" holds "quantity"); null when it does not name it.
 */
export function headerScore(header: string, column: string): number | null {
	const h = compact(header);
	const hw = ` ${words(header)} `;
	let best: number | null = null;
	// the column's own name first, then its synonyms in the order given: an exact match ranks by that order
	for (const [rank, s] of [column.replace(/_/g, ' '), ...(SYNONYMS[column] ?? [])].entries()) {
		const c = compact(s);
		if (!c) continue;
		if (h === c) return rank / 100;
		const limit = c.length >= 8 ? 2 : c.length >= 5 ? 1 : 0;
		const d = limit ? editDistance(h, c) : Infinity;
		let score = d <= limit ? d : null;
		if (score === null && hw.includes(` ${words(s)} `)) score = 3 + (words(header).split(' ').length - words(s).split(' ').length) * 0.25;
		if (score !== null && (best === null || score < best)) best = score;
	}
	return best;
}

const NUMBER = /^\s*[-+]?(\d{1,3}([.,\s]\d{3})*|\d+)([.,]\d+)?\s*%?\s*$/;

/** Whether sample values fit a column's type (an empty sample fits anything). */
export function valuesFit(spec: ColumnSpec, values: readonly string[]): boolean {
	const vals = values.map((v) => v.trim()).filter((v) => v !== '');
	if (!vals.length) return true;
	if (spec.type === 'date' || spec.type === 'timestamp') {
		const d = detectDateFamily(vals);
		return d.read >= Math.ceil(vals.length * 0.8);
	}
	if (spec.type === 'decimal' || spec.type === 'integer') return vals.filter((v) => NUMBER.test(v)).length >= Math.ceil(vals.length * 0.8);
	return true;
}

/** The first record looks like data, not names: most fields are numbers or dates. */
export function looksLikeData(fields: readonly string[]): boolean {
	const f = fields.map((x) => x.trim()).filter((x) => x !== '');
	if (!f.length) return false;
	const data = f.filter((x) => NUMBER.test(x) || detectDateFamily([x]).read === 1).length;
	return data >= Math.ceil(f.length / 2);
}

/** The enum value a written value stands for, or null. */
export function enumValue(spec: ColumnSpec, written: string): string | null {
	if (!spec.enum) return null;
	const w = words(written);
	for (const v of spec.enum) {
		if (w === words(v) || (VALUE_SYNONYMS[v] ?? []).some((s) => words(s) === w)) return v;
	}
	return null;
}

/** A column expression for a matched header: plain, or a value map when an enum's values are written otherwise. */
function exprFor(spec: ColumnSpec, header: string, values: readonly string[]): Expr {
	const source = { column: header };
	if (!spec.enum) return { kind: 'column', source };
	const distinct = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
	if (distinct.every((v) => spec.enum!.includes(v.toLowerCase()))) return { kind: 'column', source };
	const map: Record<string, string> = {};
	for (const v of distinct) {
		const to = enumValue(spec, v);
		if (to) map[v] = to;
	}
	return { kind: 'map', source, values: map };
}

/** For one table: each canonical column's best header (one header per column), with its score. */
export function matchTable(table: TableName, shape: FileShape): { columns: Record<string, Expr>; scores: Record<string, number> } {
	const candidates: { column: string; header: string; score: number }[] = [];
	for (const spec of SCHEMA[table].columns) {
		shape.headers.forEach((h, i) => {
			const score = headerScore(h, spec.name);
			if (score === null) return;
			if (!valuesFit(spec, shape.rows.map((r) => r[i] ?? ''))) return;
			candidates.push({ column: spec.name, header: h, score });
		});
	}
	candidates.sort((a, b) => a.score - b.score);
	const columns: Record<string, Expr> = {};
	const scores: Record<string, number> = {};
	const used = new Set<string>();
	for (const c of candidates) {
		if (Object.hasOwn(columns, c.column) || used.has(c.header)) continue;
		const spec = SCHEMA[table].columns.find((x) => x.name === c.column)!;
		const i = shape.headers.indexOf(c.header);
		columns[c.column] = exprFor(spec, c.header, shape.rows.map((r) => r[i] ?? ''));
		scores[c.column] = c.score;
		used.add(c.header);
	}
	return { columns, scores };
}

/** Columns beyond the key that make a dimension worth building from a file (a bare id is not a customer table). */
const DIMENSION_DETAIL: Partial<Record<TableName, readonly string[]>> = {
	customers: ['name', 'segment', 'region', 'industry', 'sales_rep'],
	products: ['unit_cost']
};

/**
 * The tables a file can build, with their mappings: every table whose required columns the headers
 * cover (line numbers can be generated per order; a helpdesk's tickets are service contacts). When a
 * file builds a fact table too, the dimensions it gives keep each key's first row.
 */
export function suggestTables(shape: FileShape, taken: ReadonlySet<TableName> = new Set()): TableMapping[] {
	const out: TableMapping[] = [];
	for (const table of TABLE_NAMES) {
		if (taken.has(table)) continue;
		const { columns } = matchTable(table, shape);
		const spec = SCHEMA[table];
		if ((table === 'order_lines' || table === 'shipments') && !Object.hasOwn(columns, 'line_no') && Object.hasOwn(columns, 'order_id')) columns.line_no = { kind: 'lineNumber' };
		if (table === 'contacts' && !Object.hasOwn(columns, 'team')) columns.team = { kind: 'constant', value: 'service' };
		const missing = spec.columns.filter((c) => c.required && !Object.hasOwn(columns, c.name));
		if (missing.length) continue;
		const detail = DIMENSION_DETAIL[table];
		if (detail && !detail.some((c) => Object.hasOwn(columns, c))) continue;
		// shipments need a shipped quantity of their own, not the ordered one
		if (table === 'shipments' && !shape.headers.some((h) => headerScore(h, 'qty_shipped') !== null)) continue;
		out.push({ table, file: shape.name, ...(shape.headerless ? { noHeader: true } : {}), columns });
	}
	const facts = out.some((m) => m.table !== 'customers' && m.table !== 'products');
	for (const m of out) if (facts && (m.table === 'customers' || m.table === 'products')) m.keys = 'first';
	return out;
}
