/**
 * DESIGN §2.1's parser, through the ingest both the CLI and the upload use: dates as real exports write
 * them (month first with two-digit years and times of day, month names, Excel serials), detected from
 * the values and reported; implausible dates rejected as rows; null tokens read as empty in optional
 * columns (the active scenario's list).
 */
import { describe, expect, it } from 'vitest';
import { ingestFolder } from './index';
import { folderWith, memoryDb, rows } from './test-helpers';

const OL = 'order_id,line_no,customer_id,sku,order_date,promised_date,ship_date,qty,unit_price,qty_backordered,backorder_filled_date,qty_cancelled\n';

describe('dates as exports write them', () => {
	it('month first with two-digit years and times of day (an ERP order export), detected and said', async () => {
		const db = await memoryDb();
		const r = await ingestFolder(
			db,
			folderWith({
				'order_lines.csv':
					OL +
					['SO1,1,C1,S1,8/27/14,9/3/14,9/1/14 16:20,2,5,,,', 'SO2,1,C1,S1,4/1/2016 21:05,4/8/2016,,1,5,,,', 'SO3,1,C1,S1,12/31/99 11:59 PM,1/5/00,,1,5,,,', 'SO4,1,C1,S1,1/2/50,,,1,5,,,'].join(
						'\n'
					) +
					'\n'
			})
		);
		expect(r.tables[0]).toMatchObject({ rows_loaded: 4, rows_rejected: 0 });
		expect(r.tables[0].notes).toEqual([
			'order_date: dates read as month first (8/27/14), detected from 4 values',
			'promised_date: dates read as month first (9/3/14), detected from 3 values',
			'ship_date: dates read as month first (9/1/14 16:20), detected from 1 value'
		]);
		expect(await rows(db, `SELECT order_id, order_date::VARCHAR AS o, promised_date::VARCHAR AS p, ship_date::VARCHAR AS s FROM order_lines ORDER BY 1`)).toEqual([
			{ order_id: 'SO1', o: '2014-08-27', p: '2014-09-03', s: '2014-09-01' },
			{ order_id: 'SO2', o: '2016-04-01', p: '2016-04-08', s: null },
			{ order_id: 'SO3', o: '1999-12-31', p: '2000-01-05', s: null },
			{ order_id: 'SO4', o: '1950-01-02', p: null, s: null } // two-digit years pivot at 1950
		]);
		db.closeSync();
	});

	it('day first is told from a day above 12; month names and Excel serials need no declaration', async () => {
		const db = await memoryDb();
		await ingestFolder(
			db,
			folderWith({
				'order_lines.csv': OL + ['A,1,C1,S1,03/04/2024,,,1,5,,,', 'A,2,C1,S1,25/04/2024,,,1,5,,,', 'A,3,C1,S1,2-Jun-06,,,1,5,,,'].join('\n') + '\n',
				'opportunities.csv': 'opportunity_id,closed_date,amount,outcome\nP1,45292,1,won\nP2,45293,1,lost\n',
				'contacts.csv': 'contact_id,customer_id,contact_at,team\nK1,C1,45292.5,service\nK2,C1,45293.25,sales\n'
			})
		);
		expect(await rows(db, `SELECT line_no, order_date::VARCHAR AS d FROM order_lines ORDER BY 1`)).toEqual([
			{ line_no: 1, d: '2024-04-03' },
			{ line_no: 2, d: '2024-04-25' },
			{ line_no: 3, d: '2006-06-02' }
		]);
		expect(await rows(db, `SELECT closed_date::VARCHAR AS d FROM opportunities ORDER BY 1`)).toEqual([{ d: '2024-01-01' }, { d: '2024-01-02' }]);
		expect(await rows(db, `SELECT contact_at::VARCHAR AS t FROM contacts ORDER BY 1`)).toEqual([{ t: '2024-01-01 12:00:00' }, { t: '2024-01-02 06:00:00' }]);
		db.closeSync();
	});

	it('a date before 1900 or more than five years ahead is rejected as a row, with its value', async () => {
		const db = await memoryDb();
		const r = await ingestFolder(db, folderWith({ 'order_lines.csv': OL + ['A,1,C1,S1,0014-01-19,,,1,5,,,', 'A,2,C1,S1,2024-01-19,2099-01-01,,1,5,,,', 'A,3,C1,S1,2024-01-20,,,1,5,,,'].join('\n') + '\n' }));
		expect(r.tables[0]).toMatchObject({ rows_loaded: 1, rows_rejected: 2 });
		expect(r.tables[0].rejects.map((x) => [x.line, x.column, x.value, x.rule.replace(/\d{4}-\d\d-\d\d\)$/, 'today+5y)')])).toEqual([
			[2, 'order_date', '0014-01-19', 'implausible date (before 1900-01-01 or after today+5y)'],
			[3, 'promised_date', '2099-01-01', 'implausible date (before 1900-01-01 or after today+5y)']
		]);
		db.closeSync();
	});
});

describe('null tokens', () => {
	it('NULL, N/A, NA, -, none, (blank) are empty in optional columns, whatever their case; required columns keep them', async () => {
		const db = await memoryDb();
		const r = await ingestFolder(
			db,
			folderWith({
				'order_lines.csv': OL + ['NA,1,C1,S1,2024-01-02,NULL,N/A,2,5,na,-,None', 'O2,1,C1,S1,2024-01-03,(blank),  null ,2,5,,,'].join('\n') + '\n',
				'customers.csv': 'customer_id,name,segment,annual_wallet\nNA,North America Inc,N/A,NULL\n'
			})
		);
		expect(r.tables.map((t) => [t.table, t.rows_loaded, t.rows_rejected])).toEqual([
			['customers', 1, 0],
			['order_lines', 2, 0]
		]);
		expect(await rows(db, `SELECT order_id, promised_date, ship_date, qty_backordered, backorder_filled_date, qty_cancelled FROM order_lines ORDER BY 1`)).toEqual([
			{ order_id: 'NA', promised_date: null, ship_date: null, qty_backordered: 0, backorder_filled_date: null, qty_cancelled: 0 },
			{ order_id: 'O2', promised_date: null, ship_date: null, qty_backordered: 0, backorder_filled_date: null, qty_cancelled: 0 }
		]);
		expect(await rows(db, `SELECT customer_id, segment, annual_wallet FROM customers`)).toEqual([{ customer_id: 'NA', segment: null, annual_wallet: null }]);
		db.closeSync();
	});

	it('follow the active scenario’s list (an assumption), for the CLI and the upload alike', async () => {
		const db = await memoryDb();
		const c = await db.connect();
		await c.run(`CREATE TABLE scenarios (name VARCHAR, assumptions JSON, created_at TIMESTAMP, updated_at TIMESTAMP)`);
		await c.run(`CREATE TABLE scenario_active (id INTEGER, name VARCHAR)`);
		await c.run(`INSERT INTO scenarios VALUES ('default', '{"null_tokens": ["?", "#n/a"]}', now(), now())`);
		await c.run(`INSERT INTO scenario_active VALUES (1, 'default')`);
		c.closeSync();
		const r = await ingestFolder(db, folderWith({ 'customers.csv': 'customer_id,segment,region\nC1,?,#N/A\nC2,NULL,x\n' }));
		expect(r.tables[0].rows_loaded).toBe(2);
		expect(await rows(db, `SELECT customer_id, segment, region FROM customers ORDER BY 1`)).toEqual([
			{ customer_id: 'C1', segment: null, region: null },
			{ customer_id: 'C2', segment: 'NULL', region: 'x' }
		]);
		db.closeSync();
	});
});
