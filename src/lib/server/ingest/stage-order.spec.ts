/**
 * A staged row's line number is its position in the stage (see stageSql), so the statement that writes
 * the stage must keep the file's order.
 */
import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../schema';
import { DEFAULT_ASSUMPTIONS } from '$lib/metrics/assumptions';
import { ingestFolder } from './index';
import { prepareSource } from './read-source';
import { folderWith, GOOD, memoryDb } from './test-helpers';
import { stageSql } from './validate-sql';

describe('the stage keeps the file order, which the line numbers of rejects rest on', () => {
	it('reads every table into its stage with an order-keeping insert and nothing that reorders rows', async () => {
		const db = await memoryDb();
		const c = await db.connect();
		try {
			const dir = folderWith({ ...GOOD, 'shipments.csv': 'order_id,line_no,ship_date,qty_shipped,shipment_id\nO1,1,2024-01-04,10,D1\n' });
			const nullTokens = DEFAULT_ASSUMPTIONS.null_tokens;
			for (const opts of [{ nullTokens }, { dateFormat: 'dmy' as const, decimalComma: true, nullTokens }, { dateFormat: 'mdy' as const }]) {
				for (const table of TABLE_NAMES) {
					const src = await prepareSource(c, { path: `${dir}/${table}.csv`, table, name: `${table}.csv` }, opts);
					const plan = (await c.runAndReadAll(`EXPLAIN ${stageSql(table, 'st', src.from, src.plan, opts)}`, { path: src.readPath }))
						.getRows()
						.map((r) => String(r[1]))
						.join('\n');
					// DuckDB turns an IN list of five or more constants into a join, and a join does not keep the order
					expect(plan, table).toContain('BATCH_CREATE_TABLE_AS');
					expect(plan, table).not.toMatch(/JOIN/);
					src.cleanup();
				}
			}
		} finally {
			c.closeSync();
		}
	});

	it('so a reject deep in a large contacts file gets its own line', { timeout: 60_000 }, async () => {
		const n = 300_000;
		const lines = ['contact_id,customer_id,contact_at,team,channel,reason,note,order_id,minutes,escalated,csat'];
		for (let i = 1; i <= n; i++) {
			const csat = i === 250_000 ? 9 : (i % 5) + 1;
			lines.push(`K${String(i).padStart(7, '0')},C1,2024-01-03 09:15:00,service,${i % 2 ? 'phone' : 'EMAIL'},Backorder,"note ${i}",O1,12.5,${i % 3 ? 'yes' : 'n'},${csat}`);
		}
		const db = await memoryDb();
		const r = await ingestFolder(db, folderWith({ 'contacts.csv': lines.join('\n') + '\n' }));
		expect(r.tables[0].rejects).toEqual([{ line: 250_001, column: 'csat', value: '9', rule: 'csat must be <= 5' }]);
		expect(r.tables[0].rows_loaded).toBe(n - 1);
	});
});
