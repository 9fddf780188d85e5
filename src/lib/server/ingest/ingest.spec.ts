import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles, ingestFolder, type IngestProgress } from './index';
import { counts, dataVersion, folderWith, GOOD, GOOD_COUNTS, memoryDb, rows } from './test-helpers';

const OL_HEADER =
	'order_id,line_no,customer_id,sku,order_date,promised_date,ship_date,qty,unit_price,qty_backordered,backorder_filled_date,qty_cancelled\n';

/** A database holding the GOOD load, and a check that it still holds exactly that. */
async function loadedDb() {
	const db = await memoryDb();
	const r = await ingestFolder(db, folderWith(GOOD));
	expect(r.ok).toBe(true);
	return db;
}
async function expectGoodDataIntact(db: Awaited<ReturnType<typeof memoryDb>>, except: string[] = []) {
	const c = await counts(db);
	for (const [t, n] of Object.entries(GOOD_COUNTS)) if (!except.includes(t)) expect(c[t], t).toBe(n);
	if (!except.includes('order_lines'))
		expect(await rows(db, `SELECT order_id, line_no, qty FROM order_lines ORDER BY ALL`)).toEqual([
			{ order_id: 'O1', line_no: 1, qty: 10 },
			{ order_id: 'O1', line_no: 2, qty: 4 },
			{ order_id: 'O2', line_no: 1, qty: 1.5 }
		]);
	if (!except.includes('customers'))
		expect((await rows(db, `SELECT list(customer_id ORDER BY customer_id) AS ids FROM customers`))[0].ids).toEqual(['C1', 'C2', 'C3']);
}

describe('a good folder', () => {
	it('loads every table with exact counts, typed values and defaults', async () => {
		const db = await memoryDb();
		const r = await ingestFolder(db, folderWith({ ...GOOD, 'truth.json': '{}' }));
		expect(r.ok).toBe(true);
		expect(r.refused).toEqual([]);
		expect(r.ignored_files).toEqual(['truth.json']);
		expect(r.untouched).toEqual(['shipments']); // optional: none in GOOD
		expect(r.data_version).toBe(1);
		expect(r.tables.map((t) => [t.table, t.rows_read, t.rows_loaded, t.rows_rejected])).toEqual([
			['customers', 3, 3, 0],
			['products', 2, 2, 0],
			['order_lines', 3, 3, 0],
			['inventory_snapshots', 2, 2, 0],
			['contacts', 2, 2, 0],
			['opportunities', 2, 2, 0]
		]);
		expect(await counts(db)).toEqual(GOOD_COUNTS);
		expect(await rows(db, 'SELECT * FROM order_lines ORDER BY order_id, line_no')).toEqual([
			{ order_id: 'O1', line_no: 1, customer_id: 'C1', sku: 'S1', order_date: '2024-01-02', promised_date: '2024-01-05', ship_date: '2024-01-04', qty: 10, unit_price: 5, qty_backordered: 0, backorder_filled_date: null, qty_cancelled: 0, line_status: null, bo_source: 'recorded' },
			{ order_id: 'O1', line_no: 2, customer_id: 'C1', sku: 'S2', order_date: '2024-01-02', promised_date: '2024-01-05', ship_date: '2024-01-04', qty: 4, unit_price: 7.25, qty_backordered: 3, backorder_filled_date: '2024-01-20', qty_cancelled: 1, line_status: null, bo_source: 'recorded' },
			{ order_id: 'O2', line_no: 1, customer_id: 'C2', sku: 'S1', order_date: '2024-02-01', promised_date: null, ship_date: null, qty: 1.5, unit_price: 5, qty_backordered: 1.5, backorder_filled_date: null, qty_cancelled: 1.5, line_status: null, bo_source: 'recorded' }
		]);
		expect(await rows(db, 'SELECT * FROM contacts ORDER BY contact_id')).toEqual([
			{ contact_id: 'K1', customer_id: 'C1', contact_at: '2024-01-03 09:15:00', team: 'service', channel: 'phone', reason: 'Backorder', note: 'Where is it, please?', order_id: 'O1', minutes: 12.5, escalated: true, csat: 4 },
			{ contact_id: 'K2', customer_id: 'C2', contact_at: '2024-02-02 10:00:00', team: 'sales', channel: 'other', reason: 'ETA', note: null, order_id: null, minutes: null, escalated: false, csat: null }
		]);
		expect(await rows(db, 'SELECT opportunity_id, created_date, amount, outcome FROM opportunities ORDER BY 1')).toEqual([
			{ opportunity_id: 'P1', created_date: '2024-01-01', amount: 5000, outcome: 'won' },
			{ opportunity_id: 'P2', created_date: null, amount: 12000, outcome: 'no_bid' }
		]);
		expect(await rows(db, 'SELECT sku, unit_cost, lead_time_days FROM products ORDER BY 1')).toEqual([
			{ sku: 'S1', unit_cost: 2.5, lead_time_days: 10 },
			{ sku: 'S2', unit_cost: 3, lead_time_days: null }
		]);
		expect(await rows(db, 'SELECT customer_id, annual_wallet FROM customers ORDER BY 1')).toEqual([
			{ customer_id: 'C1', annual_wallet: 100000 },
			{ customer_id: 'C2', annual_wallet: null },
			{ customer_id: 'C3', annual_wallet: 250000.5 }
		]);
		expect(await rows(db, 'SELECT load_id, table_name, file, format, rows_read, rows_loaded, rows_rejected FROM loads ORDER BY rowid LIMIT 1')).toEqual([
			{ load_id: 1, table_name: 'customers', file: 'customers.csv', format: 'csv', rows_read: '3', rows_loaded: '3', rows_rejected: '0' }
		]);
		expect(await rows(db, 'SELECT count(*) AS n FROM load_rejects')).toEqual([{ n: '0' }]);
		// the swap leaves the canonical columns only, and no stage behind
		expect((await rows(db, `SELECT list(column_name ORDER BY column_index) AS c FROM duckdb_columns() WHERE table_name = 'products'`))[0].c).toEqual([
			'sku', 'description', 'category', 'supplier', 'unit_cost', 'lead_time_days'
		]);
		expect(await rows(db, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%ingest%'`)).toEqual([]);
	});

	it('reports progress per table and phase, ending with done', async () => {
		const db = await memoryDb();
		const seen: IngestProgress[] = [];
		await ingestFolder(db, folderWith(GOOD), { onProgress: (p) => seen.push(p) });
		expect(seen.some((p) => p.table === 'order_lines' && p.phase === 'reading' && p.fraction === 1)).toBe(true);
		expect(seen.some((p) => p.table === 'contacts' && p.phase === 'loading')).toBe(true);
		expect(seen.at(-1)).toEqual({ table: null, phase: 'done', fraction: 1 });
	});

	it('leaves a table whose file is absent untouched, and replaces the ones present', async () => {
		const db = await loadedDb();
		const r = await ingestFolder(db, folderWith({ 'customers.csv': 'customer_id,name\nC9,Nine\n' }));
		expect(r.untouched).toEqual(['products', 'order_lines', 'inventory_snapshots', 'contacts', 'opportunities', 'shipments']);
		expect(await rows(db, 'SELECT customer_id, name, segment FROM customers')).toEqual([{ customer_id: 'C9', name: 'Nine', segment: null }]);
		await expectGoodDataIntact(db, ['customers']);
		expect(await dataVersion(db)).toBe(2);
		// the old lines now point at customers that are gone: warned, not rejected
		expect(r.warnings.map((w) => w.message)).toEqual([
			'3 order_lines rows have a customer_id not found in customers (2 distinct, e.g. C1, C2)',
			'2 contacts rows have a customer_id not found in customers (2 distinct, e.g. C1, C2)',
			'2 opportunities rows have a customer_id not found in customers (2 distinct, e.g. C1, C3)'
		]);
	});

	it('accepts a header-only file as an empty table, with a note', async () => {
		const db = await loadedDb();
		const r = await ingestFolder(db, folderWith({ 'opportunities.csv': 'opportunity_id,closed_date,amount,outcome\n' }));
		expect(r.ok).toBe(true);
		expect(r.tables[0]).toMatchObject({ rows_read: 0, rows_loaded: 0, notes: ['the file has a header but no rows: the table is now empty'] });
		expect((await counts(db)).opportunities).toBe(0);
	});

	it('loads explicit files through ingestFiles, naming them as the user knows them', async () => {
		const db = await memoryDb();
		const dir = folderWith({ 'upload-1234.tmp': 'customer_id\nC1\nC1\n' });
		const r = await ingestFiles(db, [{ path: path.join(dir, 'upload-1234.tmp'), table: 'customers', originalName: 'Kunden.csv' }]);
		expect(r.tables[0]).toMatchObject({ table: 'customers', file: 'Kunden.csv', rows_loaded: 1, rows_rejected: 1 });
		expect(r.tables[0].rejects).toEqual([{ line: 3, column: 'customer_id', value: 'C1', rule: 'duplicate key (customer_id)' }]);
		expect(await rows(db, 'SELECT file, line, column_name, value, rule FROM load_rejects')).toEqual([
			{ file: 'Kunden.csv', line: '3', column_name: 'customer_id', value: 'C1', rule: 'duplicate key (customer_id)' }
		]);
	});
});

describe('files that cannot be read at all are refused, and nothing is lost', () => {
	const refusedWith = async (files: Record<string, string | Buffer>, opts = {}) => {
		const db = await loadedDb();
		const r = await ingestFolder(db, folderWith(files), opts);
		expect(r.ok).toBe(false);
		expect(r.load_id).toBe(null);
		await expectGoodDataIntact(db);
		expect(await dataVersion(db)).toBe(1);
		return r.refused;
	};

	it('an empty file', async () => {
		expect(await refusedWith({ 'order_lines.csv': '' })).toEqual([
			{ file: 'order_lines.csv', table: 'order_lines', reason: 'the file is empty (0 bytes)' }
		]);
		expect((await refusedWith({ 'order_lines.csv': ' \r\n\n' }))[0].reason).toBe('the file is empty (no header line)');
	});

	it('a binary file posing as CSV', async () => {
		const bytes = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x80, 0x81, 0x00, 0x41]);
		expect((await refusedWith({ 'order_lines.csv': bytes }))[0].reason).toBe('binary file, not a text CSV');
		const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
		expect((await refusedWith({ 'customers.csv': zip }))[0].reason).toBe(
			'binary file, not a text CSV (it looks like a ZIP or XLSX file; name it .xlsx if it is a spreadsheet)'
		);
	});

	it('a required column missing, naming the missing columns and the headers found', async () => {
		const refused = await refusedWith({ 'order_lines.csv': 'Order ID,line_no,customer_id,sku,order_date,price\nO1,1,C1,S1,2024-01-01,5\n' });
		expect(refused).toEqual([
			{
				file: 'order_lines.csv',
				table: 'order_lines',
				reason: 'required columns missing: qty, unit_price (headers found: "Order ID", "line_no", "customer_id", "sku", "order_date", "price")'
			}
		]);
	});

	it('an unreadable parquet file', async () => {
		expect((await refusedWith({ 'products.parquet': 'sku,unit_cost\nS1,2\n' }))[0].reason).toBe('not a Parquet file (no PAR1 magic bytes)');
		const fake = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(40, 7), Buffer.from('PAR1')]);
		expect((await refusedWith({ 'products.parquet': fake }))[0].reason).toMatch(/^DuckDB cannot read it as Parquet: /);
	});

	it('a gzip file that is not gzip, and an XLSX that is not a workbook', async () => {
		expect((await refusedWith({ 'customers.csv.gz': 'customer_id\nC1\n' }))[0].reason).toBe('named .gz but not gzip-compressed');
		expect((await refusedWith({ 'customers.xlsx': 'customer_id\nC1\n' }))[0].reason).toBe('not an XLSX workbook (an .xlsx is a ZIP archive)');
	});

	it('a file whose every row breaks a rule (loading it would only empty the table)', async () => {
		const refused = await refusedWith({ 'order_lines.csv': OL_HEADER + 'O1,1,C1,S1,yesterday,,,1,1,,,\nO1,2,C1,S1,31/31/2024,,,1,1,,,\n' });
		expect(refused[0].reason).toBe(
			'no valid rows: all 2 rows were rejected ("not a date" ×2 (first at line 2)); check the date format, decimal comma or column mapping'
		);
	});

	it('two files for one table', async () => {
		expect(await refusedWith({ 'customers.csv': 'customer_id\nC1\n', 'CUSTOMERS.parquet': 'x' })).toEqual([
			{ file: 'customers.csv, CUSTOMERS.parquet', table: 'customers', reason: '2 files for table customers (customers.csv, CUSTOMERS.parquet); keep exactly one' }
		]);
	});

	it('refuses the whole folder when one file is refused (all or nothing), listing every refusal', async () => {
		const refused = await refusedWith({ 'customers.csv': 'customer_id\nC7\n', 'products.csv': '', 'contacts.csv': 'contact_id\nK1\n' });
		expect(refused.map((r) => r.file)).toEqual(['products.csv', 'contacts.csv']);
		expect(refused[1].reason).toBe('required columns missing: customer_id, contact_at, team (headers found: "contact_id")');
	});

	it('loads the readable files when asked to', async () => {
		const db = await loadedDb();
		const r = await ingestFolder(db, folderWith({ 'customers.csv': 'customer_id\nC7\n', 'products.csv': '' }), { loadReadableFiles: true });
		expect(r.ok).toBe(false);
		expect(r.load_id).toBe(2);
		expect(r.refused.map((x) => x.file)).toEqual(['products.csv']);
		expect(await rows(db, 'SELECT customer_id FROM customers')).toEqual([{ customer_id: 'C7' }]);
		await expectGoodDataIntact(db, ['customers']);
	});
});

describe('rows that break a rule are rejected with line, column, value and rule; the rest loads', () => {
	const loadLines = async (body: string, extra: Record<string, string> = {}) => {
		const db = await loadedDb();
		const r = await ingestFolder(db, folderWith({ 'order_lines.csv': OL_HEADER + body, ...extra }));
		// the other tables of the earlier load are untouched
		await expectGoodDataIntact(db, ['order_lines']);
		const stored = await rows(db, `SELECT file, line, column_name, value, rule FROM load_rejects ORDER BY line, column_name`);
		return { db, r, t: r.tables.find((t) => t.table === 'order_lines')!, stored };
	};

	it('wrong types, impossible dates and qty rules', async () => {
		const { db, t, stored } = await loadLines(
			[
				'O1,1,C1,S1,2024-01-02,,,10,5,,,', // line 2: good
				'O1,x,C1,S1,2024-01-02,,,10,5,,,', // line 3: not an integer
				'O1,2.5,C1,S1,2024-01-02,,,10,5,,,', // line 4: a fraction is not an integer either
				'O2,1,C1,S1,2024-02-30,,,10,5,,,', // line 5: impossible date
				'O3,1,C1,S1,2024-01-02,,,0,5,,,', // line 6: qty must be > 0
				'O4,1,C1,S1,2024-01-02,,,-1,abc,,,', // line 7: two broken rules
				'O5,1,C1,S1,2024-01-02,,,2,5,3,,', // line 8: qty_backordered > qty
				'O6,1,C1,S1,2024-01-02,,,2,5,1,,1.5', // line 9: qty_cancelled > qty_backordered
				'O7,1,C1,S1,2024-01-02,,,2,5,,,1', // line 10: cancelled with nothing backordered (default 0)
				'O8,1,,S1,2024-01-02,,,2,5,,,', // line 11: required
				'O9,1,C1,S1,20240131,,,2,5,-1,,' // line 12: qty_backordered must be >= 0
			].join('\n') + '\n'
		);
		expect(t).toMatchObject({ rows_read: 11, rows_loaded: 1, rows_rejected: 10, rejects_stored: 11 });
		expect(stored).toEqual([
			{ file: 'order_lines.csv', line: '3', column_name: 'line_no', value: 'x', rule: 'not an integer' },
			{ file: 'order_lines.csv', line: '4', column_name: 'line_no', value: '2.5', rule: 'not an integer' },
			{ file: 'order_lines.csv', line: '5', column_name: 'order_date', value: '2024-02-30', rule: 'not a date' },
			{ file: 'order_lines.csv', line: '6', column_name: 'qty', value: '0', rule: 'qty must be > 0' },
			{ file: 'order_lines.csv', line: '7', column_name: 'qty', value: '-1', rule: 'qty must be > 0' },
			{ file: 'order_lines.csv', line: '7', column_name: 'unit_price', value: 'abc', rule: 'not a number' },
			{ file: 'order_lines.csv', line: '8', column_name: 'qty_backordered', value: '3', rule: 'qty_backordered must be <= qty' },
			{ file: 'order_lines.csv', line: '9', column_name: 'qty_cancelled', value: '1.5', rule: 'qty_cancelled must be <= qty_backordered' },
			{ file: 'order_lines.csv', line: '10', column_name: 'qty_cancelled', value: '1', rule: 'qty_cancelled must be <= qty_backordered' },
			{ file: 'order_lines.csv', line: '11', column_name: 'customer_id', value: null, rule: 'required' },
			{ file: 'order_lines.csv', line: '12', column_name: 'qty_backordered', value: '-1', rule: 'qty_backordered must be >= 0' }
		]);
		expect(await rows(db, 'SELECT order_id, line_no FROM order_lines')).toEqual([{ order_id: 'O1', line_no: 1 }]);
	});

	it('a date followed by other text, or with a two-digit year, is not a date (DuckDB’s cast would read both)', async () => {
		const { t, stored } = await loadLines(
			['O1,1,C1,S1,2024-01-02x,,,1,5,,,', 'O1,2,C1,S1,24-01-02,,,1,5,,,', 'O1,3,C1,S1,2024-01-02 n/a,,,1,5,,,', 'O1,4,C1,S1, 2024-1-2 10:30 ,2024/01/03,2024-01-04T08:00:00Z,1,5,,,'].join('\n') + '\n'
		);
		expect(t).toMatchObject({ rows_read: 4, rows_loaded: 1, rows_rejected: 3 });
		expect(stored.map((x) => [x.line, x.column_name, x.value, x.rule])).toEqual([
			['2', 'order_date', '2024-01-02x', 'not a date'],
			['3', 'order_date', '24-01-02', 'not a date'],
			['4', 'order_date', '2024-01-02 n/a', 'not a date']
		]);
	});

	it('duplicate keys: the later duplicate is rejected, and an invalid first row does not block a later good one', async () => {
		const { db, t, stored } = await loadLines(
			['O1,1,C1,S1,2024-01-02,,,1,5,,,', 'O1,01,C2,S1,2024-01-03,,,2,5,,,', 'O2,1,C1,S1,2024-01-02,,,0,5,,,', 'O2,1,C1,S1,2024-01-02,,,3,5,,,', 'O1,1,C3,S1,2024-01-02,,,4,5,,,'].join('\n') + '\n'
		);
		expect(t).toMatchObject({ rows_read: 5, rows_loaded: 2, rows_rejected: 3 });
		expect(stored.map((x) => [x.line, x.column_name, x.value, x.rule])).toEqual([
			['3', 'order_id, line_no', 'O1, 1', 'duplicate key (order_id, line_no)'],
			['4', 'qty', '0', 'qty must be > 0'],
			['6', 'order_id, line_no', 'O1, 1', 'duplicate key (order_id, line_no)']
		]);
		expect(await rows(db, 'SELECT order_id, line_no, qty FROM order_lines ORDER BY ALL')).toEqual([
			{ order_id: 'O1', line_no: 1, qty: 1 },
			{ order_id: 'O2', line_no: 1, qty: 3 }
		]);
	});

	it('bad enums and types in contacts and opportunities; enums stored lower-case', async () => {
		const db = await loadedDb();
		const r = await ingestFolder(
			db,
			folderWith({
				'contacts.csv':
					'contact_id,customer_id,contact_at,team,channel,escalated,csat,minutes\n' +
					'K1,C1,2024-01-03 09:15,SERVICE,EMAIL,n,5,1\n' +
					'K2,C1,2024-01-03,support,fax,maybe,6,-2\n' +
					'K3,C1,yesterday,sales,,1,4.5,\n' +
					'K4,C1,2024-01-03T10:00:00+02:00,sales,visit,0,1,90\n',
				'opportunities.csv': 'opportunity_id,closed_date,amount,outcome\nP1,2024-03-01,10,WON\nP2,2024-03-01,10,tie\n'
			})
		);
		const contacts = r.tables.find((t) => t.table === 'contacts')!;
		expect(contacts.rejects).toEqual([
			{ line: 3, column: 'channel', value: 'fax', rule: 'channel must be one of phone, email, chat, portal, visit, other' },
			{ line: 3, column: 'csat', value: '6', rule: 'csat must be <= 5' },
			{ line: 3, column: 'escalated', value: 'maybe', rule: 'not a boolean' },
			{ line: 3, column: 'minutes', value: '-2', rule: 'minutes must be >= 0' },
			{ line: 3, column: 'team', value: 'support', rule: 'team must be one of service, sales' },
			{ line: 4, column: 'contact_at', value: 'yesterday', rule: 'not a timestamp' },
			{ line: 4, column: 'csat', value: '4.5', rule: 'not an integer' }
		]);
		expect(await rows(db, 'SELECT contact_id, contact_at, team, channel, escalated, csat FROM contacts ORDER BY 1')).toEqual([
			{ contact_id: 'K1', contact_at: '2024-01-03 09:15:00', team: 'service', channel: 'email', escalated: false, csat: 5 },
			// an explicit offset is an instant: stored in UTC
			{ contact_id: 'K4', contact_at: '2024-01-03 08:00:00', team: 'sales', channel: 'visit', escalated: false, csat: 1 }
		]);
		expect(r.tables.find((t) => t.table === 'opportunities')!.rejects).toEqual([
			{ line: 3, column: 'outcome', value: 'tie', rule: 'outcome must be one of won, lost, no_bid' }
		]);
		expect(await rows(db, 'SELECT opportunity_id, outcome FROM opportunities')).toEqual([{ opportunity_id: 'P1', outcome: 'won' }]);
	});

	it('malformed rows (wrong number of fields) are rejected with their line, and later lines keep theirs', async () => {
		const { t, stored } = await loadLines(
			['O1,1,C1,S1,2024-01-02,,,1,5,,,', 'O1,2,C1,S1,2024-01-02,,,1,5,,,,extra', 'O1,3,C1,S1', 'O1,4,C1,S1,2024-01-02,,,0,5,,,'].join('\n') + '\n'
		);
		expect(t).toMatchObject({ rows_read: 4, rows_loaded: 1, rows_rejected: 3 });
		expect(stored.map((x) => [x.line, x.column_name, x.value, x.rule])).toEqual([
			['3', null, 'O1,2,C1,S1,2024-01-02,,,1,5,,,,extra', 'malformed row: Expected Number of Columns: 12 Found: 13'],
			['4', null, 'O1,3,C1,S1', 'malformed row: Expected Number of Columns: 12 Found: 4'],
			['5', 'qty', '0', 'qty must be > 0']
		]);
	});

	it('keeps at most maxStoredRejects reject rows but counts them all', async () => {
		const db = await memoryDb();
		const body = Array.from({ length: 20 }, (_, i) => `O${i},1,C1,S1,2024-01-02,,,${i < 15 ? 0 : 1},5,,,`).join('\n');
		const r = await ingestFolder(db, folderWith({ 'order_lines.csv': OL_HEADER + body + '\n' }), { maxStoredRejects: 10, rejectSample: 3 });
		expect(r.tables[0]).toMatchObject({ rows_rejected: 15, rows_loaded: 5, rejects_stored: 10 });
		expect(r.tables[0].rejects.map((x) => x.line)).toEqual([2, 3, 4]);
		expect(r.tables[0].notes).toContain('load_rejects keeps the first 10 rejects; the counts cover them all');
	});

	it('replaces the rejects of the previous load of the same table', async () => {
		const db = await memoryDb();
		await ingestFolder(db, folderWith({ 'customers.csv': 'customer_id\nC1\nC1\n' }));
		await ingestFolder(db, folderWith({ 'customers.csv': 'customer_id\nC2\nC3\nC3\n' }));
		expect(await rows(db, 'SELECT load_id, line, value FROM load_rejects')).toEqual([{ load_id: 2, line: '4', value: 'C3' }]);
	});
});

describe('reference warnings', () => {
	it('counts order lines, snapshots and contacts pointing at unknown customers or products', async () => {
		const db = await memoryDb();
		const r = await ingestFolder(
			db,
			folderWith({
				...GOOD,
				'order_lines.csv': OL_HEADER + 'O1,1,C1,S1,2024-01-02,,,1,5,,,\nO1,2,C8,S9,2024-01-02,,,1,5,,,\nO1,3,C8,S1,2024-01-02,,,1,5,,,\n',
				'inventory_snapshots.csv': 'snapshot_date,sku,on_hand_qty\n2024-01-31,S7,1\n'
			})
		);
		expect(r.ok).toBe(true);
		expect(r.warnings.map((w) => [w.table, w.column, w.target, w.rows, w.distinct_values, w.examples])).toEqual([
			['order_lines', 'customer_id', 'customers', 2, 1, ['C8']],
			['order_lines', 'sku', 'products', 1, 1, ['S9']],
			['inventory_snapshots', 'sku', 'products', 1, 1, ['S7']]
		]);
		expect((await counts(db)).order_lines).toBe(3);
	});
});

describe('reference warnings against an empty table', () => {
	it('say the target is empty instead of listing unknown values', async () => {
		const r = await ingestFolder(await memoryDb(), folderWith({ 'contacts.csv': GOOD['contacts.csv'] }));
		expect(r.warnings).toEqual([
			{ table: 'contacts', column: 'customer_id', target: 'customers', rows: 2, distinct_values: null, examples: [], message: '2 contacts rows refer to customers by customer_id, but customers is empty' }
		]);
	});
});

describe('a failed swap keeps the previous data', () => {
	it('rolls back every table when the transaction fails midway', async () => {
		const db = await loadedDb();
		const dir = folderWith({ 'customers.csv': 'customer_id\nC5\n', 'products.csv': 'sku,unit_cost\nS5,1\n' });
		// fail inside the swap transaction, after customers has been swapped and before products
		const boom = (p: IngestProgress) => {
			if (p.table === 'products' && p.phase === 'loading') throw new Error('disk on fire');
		};
		await expect(ingestFolder(db, dir, { onProgress: boom })).rejects.toThrow('disk on fire');
		await expectGoodDataIntact(db);
		expect(await dataVersion(db)).toBe(1);
		expect(await rows(db, 'SELECT DISTINCT load_id FROM loads')).toEqual([{ load_id: 1 }]);
		expect(await rows(db, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%ingest%'`)).toEqual([]);
		// and the next load works
		expect((await ingestFolder(db, dir)).load_id).toBe(2);
		expect(await rows(db, 'SELECT customer_id FROM customers')).toEqual([{ customer_id: 'C5' }]);
	});

	it('clears a stage left behind by a killed load, without touching the data', async () => {
		const db = await loadedDb();
		const c = await db.connect();
		await c.run('CREATE TABLE "__ingest_stage_customers" AS SELECT 1 AS half_written');
		c.closeSync();
		const r = await ingestFolder(db, folderWith({ 'products.csv': 'sku,unit_cost\nS5,1\n' }));
		expect(r.ok).toBe(true);
		expect(await rows(db, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%ingest%'`)).toEqual([]);
		await expectGoodDataIntact(db, ['products']);
	});
});
