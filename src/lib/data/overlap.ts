/**
 * DESIGN §2.1: tables whose date ranges do not overlap are flagged (on the data page and the ledger). A
 * figure that sets two tables against each other — holding savings beside backorder costs, contacts
 * about orders, deals lost beside the lines that were short — means nothing when they cover different
 * periods, as when a new export of orders is loaded beside the sample's stock and contacts. Each table
 * is compared with the order lines, which every such figure reads. Pure.
 */

export interface DateRange {
	table: string;
	/** ISO dates (YYYY-MM-DD), null when the table is empty */
	first: string | null;
	last: string | null;
}

/** What a table's figures lose when its dates and the orders' do not meet. */
const CONSEQUENCE: Record<string, string> = {
	inventory_snapshots: 'holding savings and the working-capital figures rest on stock of another period than the orders',
	contacts: 'no contact falls in the orders’ period, so service and sales costs of backorders are about other orders',
	opportunities: 'deals lost to availability belong to another period than the orders',
	shipments: 'no shipment falls in the orders’ period, so no backorder can be derived from them'
};

const valid = (r: DateRange): r is DateRange & { first: string; last: string } => !!r.first && !!r.last && r.first <= r.last;

/** One note per table whose dates do not overlap the order lines’ (none when either is empty). */
export function rangeOverlapNotes(ranges: readonly DateRange[]): string[] {
	const orders = ranges.find((r) => r.table === 'order_lines');
	if (!orders || !valid(orders)) return [];
	const notes: string[] = [];
	for (const r of ranges) {
		if (r.table === 'order_lines' || !valid(r)) continue;
		if (r.last >= orders.first && r.first <= orders.last) continue;
		const side = r.last < orders.first ? 'ends before the orders begin' : 'begins after the orders end';
		const what = CONSEQUENCE[r.table] ?? 'figures that combine the two compare different periods';
		notes.push(`${r.table} (${r.first} – ${r.last}) ${side} (order_lines ${orders.first} – ${orders.last}): ${what}.`);
	}
	return notes;
}
