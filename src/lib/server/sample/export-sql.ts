/**
 * The canonical tables as views over the internal ones (x_<table>), and COPY statements that write them
 * as CSV. Column lists come from the canonical SCHEMA so headers cannot drift from the contract.
 */
import { SCHEMA, type TableName } from '../../schema';
import { sqlString } from './random-sql';
import { LONG_NAME } from './names';

/**
 * How the sample writes its order lines: 'recorded' — every line with its backorder figures (the
 * canonical shape); 'shipments' — as an ERP exports them: order lines with a status and no backorder
 * columns, and a shipments file of delivery lines, from which the loader derives the backorders
 * (DESIGN §2.1). The shipments are written under the grace rule (see SHIPMENTS), so the derived figures
 * equal the recorded ones.
 */
export type SampleShape = 'recorded' | 'shipments';
export const SAMPLE_SHAPES: readonly SampleShape[] = ['recorded', 'shipments'];

type View = { from: string; orderBy: string; cols: Record<string, string> };

/** internal source, key order, and the expression for each canonical column */
const VIEWS: Record<Exclude<TableName, 'shipments'>, View> = {
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

/** The shipments shape's order lines leave out what the loader derives, and say each line's status. */
const DERIVED = ['ship_date', 'qty_backordered', 'backorder_filled_date', 'qty_cancelled'];
const STATUS =
	`CASE WHEN qty_cancelled > 0 THEN 'closed' WHEN qty_backordered > 0 AND backorder_filled_date IS NULL THEN 'open' ` +
	`WHEN ship_date IS NULL THEN 'open' ELSE 'complete' END`;

/**
 * Delivery lines under the grace rule: the in-stock part ships within `grace` days of the order (the
 * sample's own processing lag is up to two weeks; a real ERP's grace would be set to cover it), the
 * backordered part that was not cancelled ships on its fill date, at the earliest `grace` + 1 days
 * after the order. A line still unshipped at the data's last date ships its in-stock part `grace` days
 * after ordering if that date has come.
 */
function shipmentsView(grace: number): View {
	const g = Math.floor(grace);
	const asOf = '(SELECT max(order_date) FROM ol)';
	return {
		from: `(SELECT order_id, line_no, 1 AS n, order_date + CAST(least(coalesce(ship_date - order_date, ${g}), ${g}) AS INTEGER) AS ship_date, qty - qty_backordered AS q FROM ol
			WHERE qty > qty_backordered AND (ship_date IS NOT NULL OR order_date + ${g} <= ${asOf})
			UNION ALL
			SELECT order_id, line_no, 2, greatest(backorder_filled_date, order_date + ${g + 1}), qty_backordered - qty_cancelled FROM ol
			WHERE backorder_filled_date IS NOT NULL AND qty_backordered > qty_cancelled)`,
		orderBy: 'order_id, line_no, ship_date',
		cols: { order_id: 'order_id', line_no: 'line_no', ship_date: 'ship_date', qty_shipped: 'q', shipment_id: `'DL-' || order_id || '-' || line_no || '-' || n` }
	};
}

/**
 * The tables a shape writes, each with its view (x_<table>, which truth.ts reads, holds the recorded
 * figures in every shape; the shipments shape writes its own views, x_<table>_s), its columns and how.
 */
function written(shape: SampleShape, grace: number): { table: TableName; name: string; view: View; columns: string[] }[] {
	const core = (Object.keys(VIEWS) as (keyof typeof VIEWS)[]).map((t) => {
		const all = SCHEMA[t].columns.map((c) => c.name).filter((c) => c !== 'line_status');
		if (t !== 'order_lines' || shape === 'recorded') return { table: t as TableName, name: `x_${t}`, view: VIEWS[t], columns: all };
		const view = { ...VIEWS.order_lines, cols: { ...VIEWS.order_lines.cols, line_status: STATUS } };
		return { table: t as TableName, name: `x_${t}_s`, view, columns: [...all.filter((c) => !DERIVED.includes(c)), 'line_status'] };
	});
	if (shape === 'recorded') return core;
	return [...core, { table: 'shipments', name: 'x_shipments_s', view: shipmentsView(grace), columns: SCHEMA.shipments.columns.map((c) => c.name) }];
}

export function exportViewsSql(shape: SampleShape = 'recorded', grace = 2): string[] {
	const views = shape === 'recorded' ? written('recorded', grace) : [...written('recorded', grace), ...written(shape, grace).filter((w) => w.name.endsWith('_s'))];
	return views.map(({ table: t, name, view: v, columns }) => {
		const select = columns.map((c) => {
			const expr = v.cols[c];
			if (!expr) throw new Error(`sample export: no expression for ${t}.${c}`);
			return `${expr} AS ${c}`;
		});
		return `CREATE OR REPLACE VIEW ${name} AS SELECT ${select.join(', ')} FROM ${v.from}`;
	});
}

/** The tables a shape writes, in order. */
export const tablesOf = (shape: SampleShape): TableName[] => written(shape, 2).map((w) => w.table);

/** COPY in key order (preserve_insertion_order keeps the sorted order in the file: byte-identical runs). */
export function copySql(table: TableName, file: string, shape: SampleShape = 'recorded', grace = 2): string {
	const w = written(shape, grace).find((x) => x.table === table);
	if (!w) throw new Error(`the ${shape} sample has no ${table}`);
	const types = new Map(SCHEMA[table].columns.map((c) => [c.name, c.type]));
	const cols = w.columns.map((c) =>
		// ISO 8601 with a T, as the contract asks for timestamps
		types.get(c) === 'timestamp' ? `strftime(${c}, '%Y-%m-%dT%H:%M:%S') AS ${c}` : c
	);
	return `COPY (SELECT ${cols.join(', ')} FROM ${w.name} ORDER BY ${w.view.orderBy}) TO ${sqlString(file)} (FORMAT csv, HEADER, DELIMITER ',')`;
}
