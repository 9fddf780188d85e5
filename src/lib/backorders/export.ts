/**
 * The fill queue as a download (CSV/XLSX through src/lib/export): every SKU's open lines in priority
 * order, with the first-come-first-served rank, the on-hand cover and every term, so an allocation team
 * can act on it in the ERP. Pure: columns and the flat row of a queue row.
 */
import type { ExportColumn } from '../export/writers';
import type { QueueRow } from './pricing';

const money = '#,##0.00';
export const QUEUE_COLUMNS: ExportColumn[] = [
	{ key: 'sku', label: 'SKU' },
	{ key: 'priority_rank', label: 'Priority in SKU' },
	{ key: 'fcfs_rank', label: 'First come first served rank' },
	{ key: 'order_id', label: 'Order' },
	{ key: 'line_no', label: 'Line' },
	{ key: 'customer_id', label: 'Customer ID' },
	{ key: 'customer_name', label: 'Customer' },
	{ key: 'segment', label: 'Segment' },
	{ key: 'supplier', label: 'Supplier' },
	{ key: 'order_date', label: 'Order date' },
	{ key: 'promised_date', label: 'Promised date' },
	{ key: 'age_days', label: 'Age (days)' },
	{ key: 'qty_open', label: 'Open units' },
	{ key: 'on_hand', label: 'On hand (latest snapshot)' },
	{ key: 'covered', label: 'Covered now by priority' },
	{ key: 'fcfs_covered', label: 'Covered now by order date' },
	{ key: 'wallet', label: 'Wallet term', numFmt: money },
	{ key: 'wallet_note', label: 'Wallet term basis' },
	{ key: 'contacts', label: 'Contacts term', numFmt: money },
	{ key: 'deals', label: 'Deals term', numFmt: money },
	{ key: 'cost_week', label: 'One more week', numFmt: money },
	{ key: 'excludes', label: 'Total excludes (n/a)' },
	{ key: 'cost_week_per_unit', label: 'One more week per unit', numFmt: money },
	{ key: 'bo_source', label: 'Backorder source' }
];

/** A queue row as export cells; an n/a term is an empty cell with its reason in the basis column. */
export function queueExportRow(r: QueueRow, onHand: number | null): Record<string, unknown> {
	return {
		...r,
		on_hand: onHand,
		wallet: r.wallet.value,
		wallet_note: r.wallet.value === null ? `n/a: ${r.wallet.reason}` : r.wallet.note,
		contacts: r.contacts.value,
		deals: r.deals.value,
		excludes: r.excludes.join(', ')
	};
}
