/**
 * The canonical input schema of DESIGN §2, as data. Ingest validates against it, the DDL is generated
 * from it, and the /data page describes it — one definition, so they cannot disagree.
 * Pure module: safe to import from the browser.
 */

export type ColumnType = 'text' | 'integer' | 'decimal' | 'date' | 'timestamp' | 'boolean';

export interface ColumnSpec {
	name: string;
	type: ColumnType;
	required: boolean;
	/** value used when the column is absent or the cell is empty (only for optional columns) */
	default?: string | number | boolean;
	/** inclusive lower bound for numbers */
	min?: number;
	/** strict lower bound for numbers (qty > 0) */
	gt?: number;
	/** inclusive upper bound for numbers */
	max?: number;
	/** value must be ≤ this other column of the same row */
	lteColumn?: string;
	/** allowed values (lower-cased before comparison) */
	enum?: readonly string[];
	meaning?: string;
}

/** A column the app fills itself, never read from a file. */
export interface InternalColumn {
	name: string;
	type: ColumnType;
	default?: string;
}

export interface TableSpec {
	name: TableName;
	/** columns that must be unique together */
	key: readonly string[];
	columns: readonly ColumnSpec[];
	/** references checked after load; broken ones are warnings, not rejects */
	references?: readonly { column: string; table: TableName; targetColumn: string }[];
	/** columns the app fills itself (never read from a file): e.g. where a line's backorder figures come from */
	internal?: readonly InternalColumn[];
	/** an optional table: loads without it are complete (DESIGN §2.1 shipments) */
	optional?: boolean;
}

export const TABLE_NAMES = [
	'customers',
	'products',
	'order_lines',
	'inventory_snapshots',
	'contacts',
	'opportunities',
	'shipments'
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const CHANNELS = ['phone', 'email', 'chat', 'portal', 'visit', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const TEAMS = ['service', 'sales'] as const;
export const OUTCOMES = ['won', 'lost', 'no_bid'] as const;

const text = (name: string, required = false, meaning?: string): ColumnSpec => ({
	name,
	type: 'text',
	required,
	meaning
});

export const SCHEMA: Record<TableName, TableSpec> = {
	customers: {
		name: 'customers',
		key: ['customer_id'],
		columns: [
			text('customer_id', true, 'unique'),
			text('name'),
			text('segment', false, 'e.g. Strategic / Key / Core'),
			text('region'),
			text('industry'),
			text('sales_rep'),
			{
				name: 'annual_wallet',
				type: 'decimal',
				required: false,
				min: 0,
				meaning: "customer's estimated annual spend in our categories across all suppliers"
			}
		]
	},
	products: {
		name: 'products',
		key: ['sku'],
		columns: [
			text('sku', true, 'unique'),
			text('description'),
			text('category'),
			text('supplier'),
			{ name: 'unit_cost', type: 'decimal', required: true, min: 0 },
			{
				name: 'lead_time_days',
				type: 'integer',
				required: false,
				min: 0,
				meaning: 'replenishment lead time'
			}
		]
	},
	order_lines: {
		name: 'order_lines',
		key: ['order_id', 'line_no'],
		references: [
			{ column: 'customer_id', table: 'customers', targetColumn: 'customer_id' },
			{ column: 'sku', table: 'products', targetColumn: 'sku' }
		],
		columns: [
			text('order_id', true),
			{ name: 'line_no', type: 'integer', required: true },
			text('customer_id', true),
			text('sku', true),
			{ name: 'order_date', type: 'date', required: true },
			{ name: 'promised_date', type: 'date', required: false },
			{
				name: 'ship_date',
				type: 'date',
				required: false,
				meaning: 'when the in-stock part shipped'
			},
			{ name: 'qty', type: 'decimal', required: true, gt: 0 },
			{ name: 'unit_price', type: 'decimal', required: true, min: 0 },
			{
				name: 'qty_backordered',
				type: 'decimal',
				required: false,
				default: 0,
				min: 0,
				lteColumn: 'qty',
				meaning: 'quantity not available when ordered'
			},
			{
				name: 'backorder_filled_date',
				type: 'date',
				required: false,
				meaning: 'when the backordered quantity shipped; empty = open or cancelled'
			},
			{
				name: 'qty_cancelled',
				type: 'decimal',
				required: false,
				default: 0,
				min: 0,
				lteColumn: 'qty_backordered',
				meaning: 'backordered quantity the customer cancelled'
			},
			text('line_status', false, 'e.g. open, closed, cancelled: a closed line’s unshipped quantity counts as cancelled when backorders are derived from shipments')
		],
		// 'recorded' (the file had qty_backordered), 'shipments' (derived from them), 'dates' (inferred
		// from ship and promised dates), NULL (no source: the line counts as filled in full)
		// (a row that arrives without one — an older database, a direct insert — is taken as recorded, so
		// nothing derives over figures it did not make)
		internal: [{ name: 'bo_source', type: 'text', default: 'recorded' }]
	},
	inventory_snapshots: {
		name: 'inventory_snapshots',
		key: ['snapshot_date', 'sku'],
		references: [{ column: 'sku', table: 'products', targetColumn: 'sku' }],
		columns: [
			{ name: 'snapshot_date', type: 'date', required: true },
			text('sku', true),
			{ name: 'on_hand_qty', type: 'decimal', required: true, min: 0 },
			{
				name: 'unit_cost',
				type: 'decimal',
				required: false,
				min: 0,
				meaning: 'overrides products.unit_cost on that date'
			}
		]
	},
	contacts: {
		name: 'contacts',
		key: ['contact_id'],
		references: [{ column: 'customer_id', table: 'customers', targetColumn: 'customer_id' }],
		columns: [
			text('contact_id', true, 'unique'),
			text('customer_id', true),
			{ name: 'contact_at', type: 'timestamp', required: true },
			{ name: 'team', type: 'text', required: true, enum: TEAMS },
			{ name: 'channel', type: 'text', required: false, default: 'other', enum: CHANNELS },
			text('reason', false, 'reason code, verbatim'),
			text('note', false, 'free text, verbatim'),
			text('order_id', false, 'order the contact is about'),
			{
				name: 'minutes',
				type: 'decimal',
				required: false,
				min: 0,
				meaning: 'handle time, travel included'
			},
			{ name: 'escalated', type: 'boolean', required: false, default: false },
			{
				name: 'csat',
				type: 'integer',
				required: false,
				min: 1,
				max: 5,
				meaning: 'satisfaction score the contact received'
			}
		]
	},
	opportunities: {
		name: 'opportunities',
		key: ['opportunity_id'],
		references: [{ column: 'customer_id', table: 'customers', targetColumn: 'customer_id' }],
		columns: [
			text('opportunity_id', true, 'unique'),
			text('customer_id'),
			{ name: 'created_date', type: 'date', required: false },
			{ name: 'closed_date', type: 'date', required: true },
			{ name: 'amount', type: 'decimal', required: true, min: 0 },
			{
				name: 'outcome',
				type: 'text',
				required: true,
				enum: OUTCOMES,
				meaning: 'no_bid: we were kept from bidding or withdrew'
			},
			text('loss_reason'),
			text('competitor'),
			text('note')
		]
	},
	shipments: {
		name: 'shipments',
		// several rows per line (partial shipments); nothing makes a row unique
		key: [],
		optional: true,
		columns: [
			text('order_id', true),
			{ name: 'line_no', type: 'integer', required: true },
			{ name: 'ship_date', type: 'date', required: true },
			{ name: 'qty_shipped', type: 'decimal', required: true, gt: 0 },
			text('shipment_id', false, 'delivery or shipment number, for reference')
		]
	}
};

/** DuckDB column type for a schema type. Money and quantities are DOUBLE: fast to aggregate at 10M
 * rows, and exact to well under a cent for the sums the ledger takes. */
export const DUCKDB_TYPE: Record<ColumnType, string> = {
	text: 'VARCHAR',
	integer: 'INTEGER',
	decimal: 'DOUBLE',
	date: 'DATE',
	timestamp: 'TIMESTAMP',
	boolean: 'BOOLEAN'
};

/** Header normalisation: case- and punctuation-insensitive ("Order ID" = "order_id" = "ORDERID"). */
export function normaliseHeader(h: string): string {
	return h
		.replace(/^\uFEFF/, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

export function isTableName(s: string): s is TableName {
	return (TABLE_NAMES as readonly string[]).includes(s);
}
