/** Shared by the ingest specs: temp folders of fixture files and a fresh in-memory database. */
import type { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openInstance } from '../db/instance';

export function folderWith(files: Record<string, string | Buffer>): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-ingest-'));
	mkdirSync(dir, { recursive: true });
	for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
	return dir;
}

export const memoryDb = (): Promise<DuckDBInstance> => openInstance(':memory:');

export async function rows(instance: DuckDBInstance, sql: string): Promise<Record<string, unknown>[]> {
	const c = await instance.connect();
	try {
		return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
	} finally {
		c.closeSync();
	}
}

export async function counts(instance: DuckDBInstance): Promise<Record<string, number>> {
	const r = await rows(
		instance,
		`SELECT 'customers' t, count(*) n FROM customers UNION ALL SELECT 'products', count(*) FROM products
		 UNION ALL SELECT 'order_lines', count(*) FROM order_lines UNION ALL SELECT 'inventory_snapshots', count(*) FROM inventory_snapshots
		 UNION ALL SELECT 'contacts', count(*) FROM contacts UNION ALL SELECT 'opportunities', count(*) FROM opportunities`
	);
	return Object.fromEntries(r.map((x) => [x.t as string, Number(x.n)]));
}

export const dataVersion = async (instance: DuckDBInstance) =>
	Number((await rows(instance, `SELECT value FROM meta WHERE key = 'data_version'`))[0].value);

/** A small, valid load of all six tables (CRLF-free, comma-separated, ISO dates). */
export const GOOD = {
	'customers.csv': 'customer_id,name,segment,region,industry,sales_rep,annual_wallet\nC1,Acme,Key,North,Retail,Ann,100000\nC2,Beta,Core,South,,Bob,\nC3,Gamma,Strategic,North,Food,Ann,250000.5\n',
	'products.csv': 'sku,description,category,supplier,unit_cost,lead_time_days\nS1,Widget,Parts,SupA,2.5,10\nS2,Gadget,Tools,SupB,3,\n',
	'order_lines.csv':
		'order_id,line_no,customer_id,sku,order_date,promised_date,ship_date,qty,unit_price,qty_backordered,backorder_filled_date,qty_cancelled\n' +
		'O1,1,C1,S1,2024-01-02,2024-01-05,2024-01-04,10,5,,,\n' +
		'O1,2,C1,S2,2024-01-02,2024-01-05,2024-01-04,4,7.25,3,2024-01-20,1\n' +
		'O2,1,C2,S1,2024-02-01,,,1.5,5,1.5,,1.5\n',
	'inventory_snapshots.csv': 'snapshot_date,sku,on_hand_qty,unit_cost\n2024-01-31,S1,100,2.4\n2024-01-31,S2,0,\n',
	'contacts.csv':
		'contact_id,customer_id,contact_at,team,channel,reason,note,order_id,minutes,escalated,csat\n' +
		'K1,C1,2024-01-03 09:15:00,Service,Phone,Backorder,"Where is it, please?",O1,12.5,yes,4\n' +
		'K2,C2,2024-02-02T10:00:00,sales,,ETA,,,,,\n',
	'opportunities.csv':
		'opportunity_id,customer_id,created_date,closed_date,amount,outcome,loss_reason,competitor,note\n' +
		'P1,C1,2024-01-01,2024-03-01,5000,won,,,\nP2,C3,,2024-03-15,12000,No_Bid,availability,RivalCo,\n'
};

export const GOOD_COUNTS = { customers: 3, products: 2, order_lines: 3, inventory_snapshots: 2, contacts: 2, opportunities: 2 };
