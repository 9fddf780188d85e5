/**
 * The canonical tables as views over the internal ones (x_<table>), and COPY statements that write them
 * as CSV. Column lists come from the canonical SCHEMA so headers cannot drift from the contract.
 */
import { SCHEMA, TABLE_NAMES, type TableName } from '../../schema';
import { sqlString } from './random-sql';
import { LONG_NAME } from './names';

/** internal source, key order, and the expression for each canonical column */
const VIEWS: Record<TableName, { from: string; orderBy: string; cols: Record<string, string> }> = {
	customers: {
		from: 'cust',
		orderBy: 'customer_id',
		cols: {
			customer_id: 'customer_id',
			name: `CASE WHEN long_name THEN ${sqlString(LONG_NAME)} ELSE plain_name END`,
			segment: 'segment',
			region: 'region',
			industry: 'industry',
			sales_rep: 'sales_rep',
			// about 2–4× what they spend with us; empty for some customers
			annual_wallet: `CASE WHEN NOT wallet_missing THEN (round(lam * 12 * line_value * wallet_multiple / 100) * 100)::DECIMAL(14, 2) END`
		}
	},
	products: {
		from: 'prod',
		orderBy: 'sku',
		cols: { sku: 'sku', description: 'description', category: 'category', supplier: 'supplier', unit_cost: 'unit_cost', lead_time_days: 'lead_time_days' }
	},
	order_lines: {
		from: 'ol',
		orderBy: 'order_id, line_no',
		cols: {
			order_id: 'order_id',
			line_no: 'line_no',
			customer_id: `'C' || lpad((ci + 1)::VARCHAR, 6, '0')`,
			sku: `'SKU-' || lpad((pi + 1)::VARCHAR, 6, '0')`,
			order_date: 'order_date',
			promised_date: 'promised_date',
			ship_date: 'ship_date',
			qty: 'qty',
			unit_price: 'unit_price',
			qty_backordered: 'qty_backordered',
			backorder_filled_date: 'backorder_filled_date',
			qty_cancelled: 'qty_cancelled'
		}
	},
	inventory_snapshots: {
		from: 'snap',
		orderBy: 'snapshot_date, sku',
		cols: { snapshot_date: 'snapshot_date', sku: 'sku', on_hand_qty: 'on_hand_qty', unit_cost: 'unit_cost' }
	},
	contacts: {
		from: 'ct',
		orderBy: 'contact_id',
		cols: {
			contact_id: 'contact_id',
			customer_id: `'C' || lpad((ci + 1)::VARCHAR, 6, '0')`,
			contact_at: 'contact_at',
			team: 'team',
			channel: 'channel',
			reason: 'reason',
			note: 'note',
			order_id: 'order_id',
			minutes: 'minutes',
			escalated: 'escalated',
			csat: 'csat'
		}
	},
	opportunities: {
		from: 'opp_out',
		orderBy: 'opportunity_id',
		cols: {
			opportunity_id: 'opportunity_id',
			customer_id: 'customer_id',
			created_date: 'created_date',
			closed_date: 'closed_date',
			amount: 'amount',
			outcome: 'outcome',
			loss_reason: 'loss_reason',
			competitor: 'competitor',
			note: 'note'
		}
	}
};

export function exportViewsSql(): string[] {
	return TABLE_NAMES.map((t) => {
		const v = VIEWS[t];
		const select = SCHEMA[t].columns.map((c) => {
			const expr = v.cols[c.name];
			if (!expr) throw new Error(`sample export: no expression for ${t}.${c.name}`);
			return `${expr} AS ${c.name}`;
		});
		return `CREATE OR REPLACE VIEW x_${t} AS SELECT ${select.join(', ')} FROM ${v.from}`;
	});
}

/** COPY in key order (preserve_insertion_order keeps the sorted order in the file: byte-identical runs). */
export function copySql(table: TableName, file: string): string {
	const v = VIEWS[table];
	const cols = SCHEMA[table].columns.map((c) =>
		// ISO 8601 with a T, as the contract asks for timestamps
		c.type === 'timestamp' ? `strftime(${c.name}, '%Y-%m-%dT%H:%M:%S') AS ${c.name}` : c.name
	);
	return `COPY (SELECT ${cols.join(', ')} FROM x_${table} ORDER BY ${v.orderBy}) TO ${sqlString(file)} (FORMAT csv, HEADER, DELIMITER ',')`;
}
