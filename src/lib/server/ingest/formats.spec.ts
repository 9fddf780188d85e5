import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestFolder } from './index';
import { readFileSync } from 'node:fs';
import { decodeWindows1252, recodeToUtf8 } from './inspect';
import { sqlString } from './sql-text';
import { folderWith, memoryDb, rows } from './test-helpers';

const LINES = 'SELECT order_id, line_no, customer_id, order_date, qty, unit_price, qty_backordered FROM order_lines ORDER BY ALL';
const EXPECTED = [
	{ order_id: 'O1', line_no: 1, customer_id: 'C1', order_date: '2024-01-31', qty: 2.5, unit_price: 10, qty_backordered: 1 },
	{ order_id: 'O1', line_no: 2, customer_id: 'C2', order_date: '2024-02-01', qty: 3, unit_price: 1.25, qty_backordered: 0 }
];

/** The same two order lines written with a given delimiter, line ending and header spelling. */
function lines(d: string, eol: string, header = ['Order ID', 'LINE-NO', 'Customer_ID', 'SKU', 'Order Date', 'Qty', 'Unit Price', 'Qty Backordered']) {
	return [header, ['O1', '1', 'C1', 'S1', '2024-01-31', '2.5', '10', '1'], ['O1', '2', 'C2', 'S1', '20240201', '3', '1.25', '']]
		.map((r) => r.join(d))
		.join(eol) + eol;
}

async function loaded(files: Record<string, string | Buffer>, opts = {}) {
	const db = await memoryDb();
	const r = await ingestFolder(db, folderWith(files), opts);
	expect(r.refused).toEqual([]);
	return { db, r };
}

describe('CSV dialects', () => {
	it('semicolons, a UTF-8 BOM, CRLF, punctuated headers and YYYYMMDD dates', async () => {
		const { db, r } = await loaded({ 'order_lines.csv': '\uFEFF' + lines(';', '\r\n') });
		expect(r.tables[0]).toMatchObject({ rows_loaded: 2, rows_rejected: 0, mapped: { order_id: 'Order ID', line_no: 'LINE-NO', qty_backordered: 'Qty Backordered' } });
		expect(await rows(db, LINES)).toEqual(EXPECTED);
	});

	it('CR-only line endings (classic Mac exports)', async () => {
		const { db } = await loaded({ 'order_lines.csv': lines(',', '\r') });
		expect(await rows(db, LINES)).toEqual(EXPECTED);
	});

	it('tab and pipe delimiters, and a file name in capitals', async () => {
		expect(await rows((await loaded({ 'order_lines.csv': lines('\t', '\n') })).db, LINES)).toEqual(EXPECTED);
		expect(await rows((await loaded({ 'ORDER_LINES.CSV': lines('|', '\n') })).db, LINES)).toEqual(EXPECTED);
	});

	it('gzip-compressed CSV', async () => {
		const { db, r } = await loaded({ 'order_lines.csv.gz': gzipSync(lines(',', '\n')) });
		expect(r.tables[0]).toMatchObject({ format: 'csv', compression: 'gzip', rows_loaded: 2 });
		expect(await rows(db, LINES)).toEqual(EXPECTED);
	});

	it('quoted cells holding delimiters, quotes and line breaks, and padded cells', async () => {
		const csv =
			'contact_id,customer_id,contact_at,team,note\n' +
			'K1, C1 ,2024-01-03 09:00:00 ,service,"late, again; ""really"" late\nsecond line"\n' +
			'K2,C1,2024-01-04 09:00:00,sales,   \n';
		const { db, r } = await loaded({ 'contacts.csv': csv });
		expect(r.tables[0]).toMatchObject({ rows_loaded: 2, rows_rejected: 0 });
		expect(await rows(db, 'SELECT contact_id, customer_id, contact_at, note FROM contacts ORDER BY 1')).toEqual([
			{ contact_id: 'K1', customer_id: 'C1', contact_at: '2024-01-03 09:00:00', note: 'late, again; "really" late\nsecond line' },
			{ contact_id: 'K2', customer_id: 'C1', contact_at: '2024-01-04 09:00:00', note: null }
		]);
	});

	it('blank-only cells count as empty: NULL or the default, not a reject', async () => {
		const csv = 'order_id,line_no,customer_id,sku,order_date,promised_date,qty,unit_price,qty_backordered\nO1,1,C1,S1,2024-01-02,  ,1,5, \t\nO1,2,C1,S1,2024-01-02,,1,5,\n';
		const { db, r } = await loaded({ 'order_lines.csv': csv });
		expect(r.tables[0]).toMatchObject({ rows_loaded: 2, rows_rejected: 0 });
		expect(await rows(db, 'SELECT line_no, promised_date, qty_backordered FROM order_lines ORDER BY 1')).toEqual([
			{ line_no: 1, promised_date: null, qty_backordered: 0 },
			{ line_no: 2, promised_date: null, qty_backordered: 0 }
		]);
		// a blank required cell is still "required"
		const bad = await ingestFolder(await memoryDb(), folderWith({ 'order_lines.csv': csv.replace('O1,2,C1,S1,2024-01-02,,1,5,', 'O1,2,C1,S1,  ,,1,5,') }));
		expect(bad.tables[0].rejects).toEqual([{ line: 3, column: 'order_date', value: '  ', rule: 'required' }]);
	});

	it('Latin-1 text (a Windows export) is read, not refused', async () => {
		const { db, r } = await loaded({ 'customers.csv': Buffer.from('customer_id;name\nC1;Caf\xe9 M\xfcller\n', 'latin1') });
		expect(await rows(db, 'SELECT name FROM customers')).toEqual([{ name: 'Café Müller' }]);
		expect(r.tables[0].notes).toEqual(['1 line not valid UTF-8 (line 2) was read as Windows-1252 (Western European); the rest as UTF-8']);
	});

	it('Windows-1252 text with curly quotes and € (bytes 0x80–0x9F, which DuckDB’s latin-1 refused)', async () => {
		const text = Buffer.from('customer_id,name\nC1,O\x92Brien \x93Best\x94 \x80\n', 'latin1');
		const { db } = await loaded({ 'customers.csv': text });
		expect(await rows(db, 'SELECT name FROM customers')).toEqual([{ name: 'O’Brien “Best” €' }]);
	});

	it('mixed encodings: each line as UTF-8 where it is valid, else as Windows-1252, also gzip-compressed and with CR line ends', async () => {
		const mixed = (eol: string) =>
			Buffer.concat([
				Buffer.from(`customer_id,name${eol}C1,Café${eol}`),
				Buffer.from(`C2,Caf\xe9${eol}`, 'latin1'),
				Buffer.from(`C3,Ærø${eol}`),
				Buffer.from(`C4,Gr\xfc\xdfe${eol}`, 'latin1')
			]);
		const expected = [
			{ customer_id: 'C1', name: 'Café' },
			{ customer_id: 'C2', name: 'Café' },
			{ customer_id: 'C3', name: 'Ærø' },
			{ customer_id: 'C4', name: 'Grüße' }
		];
		const note = '2 lines not valid UTF-8 (lines 3, 5) were read as Windows-1252 (Western European); the rest as UTF-8';
		for (const [label, file] of [
			['customers.csv', mixed('\n')],
			['customers.csv', mixed('\r\n')],
			['customers.csv', mixed('\r')],
			['customers.csv.gz', gzipSync(mixed('\n'))]
		] as const) {
			const { db, r } = await loaded({ [label]: file });
			expect(r.tables[0].notes, label).toEqual([note]);
			expect(await rows(db, 'SELECT customer_id, name FROM customers ORDER BY 1'), label).toEqual(expected);
		}
	});

	it('declared day-first dates and decimal commas, per table', async () => {
		const csv = 'order_id;line_no;customer_id;sku;order_date;qty;unit_price\nO1;1;C1;S1;31/01/2024;2,5;1.234,5\nO1;2;C2;S1;01.02.24;3;1,25\nO1;3;C2;S1;2024-02-03;1;1\n';
		const { db, r } = await loaded({ 'order_lines.csv': csv }, { sources: { order_lines: { dateFormat: 'dmy', decimalComma: true } } });
		expect(r.tables[0]).toMatchObject({ rows_loaded: 3, rows_rejected: 0 });
		expect(await rows(db, 'SELECT line_no, order_date, qty, unit_price FROM order_lines ORDER BY 1')).toEqual([
			{ line_no: 1, order_date: '2024-01-31', qty: 2.5, unit_price: 1234.5 },
			{ line_no: 2, order_date: '2024-02-01', qty: 3, unit_price: 1.25 },
			{ line_no: 3, order_date: '2024-02-03', qty: 1, unit_price: 1 }
		]);
	});

	it('month-first dates when declared; otherwise the majority of the values decides, and a minority in another form is rejected', async () => {
		const csv = 'opportunity_id,closed_date,amount,outcome\nP1,02/01/2024,1,won\nP2,2024-02-03,1,won\nP3,2024-02-04,1,won\n';
		const us = await loaded({ 'opportunities.csv': csv }, { defaults: { dateFormat: 'mdy' } });
		expect(await rows(us.db, 'SELECT closed_date FROM opportunities ORDER BY 1')).toEqual([{ closed_date: '2024-02-01' }, { closed_date: '2024-02-03' }, { closed_date: '2024-02-04' }]);
		expect(us.r.tables[0].notes).toEqual(['closed_date: dates read as month first (02/01/2024), as declared']);
		const plain = await loaded({ 'opportunities.csv': csv });
		expect(plain.r.tables[0].rejects).toEqual([{ line: 2, column: 'closed_date', value: '02/01/2024', rule: 'not a date' }]);
		expect(plain.r.tables[0].notes).toEqual([]);
	});

	it('a column mapping for headers that differ (an ERP export)', async () => {
		const csv = 'Artikelnummer,Einstandspreis,Lieferzeit,Extra\nS1,2.5,7,x\n';
		const { db, r } = await loaded(
			{ 'products.csv': csv },
			{ sources: { products: { columnMap: { sku: 'Artikelnummer', unit_cost: 'einstandspreis', lead_time_days: 'Lieferzeit' } } } }
		);
		expect(r.tables[0]).toMatchObject({ ignored_headers: ['Extra'], notes: ['header "Extra" matches no column of products and was ignored'] });
		expect(await rows(db, 'SELECT sku, unit_cost, lead_time_days FROM products')).toEqual([{ sku: 'S1', unit_cost: 2.5, lead_time_days: 7 }]);
		const bad = await ingestFolder(await memoryDb(), folderWith({ 'products.csv': csv }), { sources: { products: { columnMap: { sku: 'Nummer', price: 'x' } } } });
		expect(bad.refused[0].reason).toBe(
			'mapped header "Nummer" for sku is not in the file; the column mapping names "price", which is not a column of products'
		);
	});
});

describe('Parquet and XLSX', () => {
	it('reads Parquet written by DuckDB, typed columns included', async () => {
		const dir = folderWith({});
		const file = path.join(dir, 'order_lines.parquet');
		const writer = await (await DuckDBInstance.create(':memory:')).connect();
		await writer.run(
			`COPY (SELECT * FROM (VALUES ('O1', 1, 'C1', 'S1', DATE '2024-01-31', 2.5, 10.0, 1.0), ('O1', 2, 'C2', 'S1', DATE '2024-02-01', 3.0, 1.25, NULL))
			 t("Order ID", line_no, customer_id, sku, order_date, qty, unit_price, qty_backordered)) TO ${sqlString(file)} (FORMAT parquet)`
		);
		writer.closeSync();
		const db = await memoryDb();
		const r = await ingestFolder(db, dir);
		expect(r.tables[0]).toMatchObject({ format: 'parquet', rows_loaded: 2 });
		expect(await rows(db, LINES)).toEqual(EXPECTED);
	});

	it('reports Parquet rejects by 1-based row number', async () => {
		const dir = folderWith({});
		const writer = await (await DuckDBInstance.create(':memory:')).connect();
		await writer.run(`COPY (SELECT * FROM (VALUES ('S1', 1.0), ('S2', -1.0)) t(sku, unit_cost)) TO ${sqlString(path.join(dir, 'products.parquet'))} (FORMAT parquet)`);
		writer.closeSync();
		const r = await ingestFolder(await memoryDb(), dir);
		expect(r.tables[0].rejects).toEqual([{ line: 2, column: 'unit_cost', value: '-1.0', rule: 'unit_cost must be >= 0' }]);
	});

	it('reads the first sheet of an XLSX, with Excel dates, and reports rejects by sheet row', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Orders');
		ws.addRow(['Order ID', 'Line No', 'Customer ID', 'SKU', 'Order Date', 'Qty', 'Unit Price', 'Qty Backordered']);
		ws.addRow(['O1', 1, 'C1', 'S1', new Date(Date.UTC(2024, 0, 31)), 2.5, 10, 1]);
		ws.addRow([]); // an empty row: skipped, and the next row keeps its sheet number
		ws.addRow(['O1', 2, 'C2', 'S1', '20240201', 3, { formula: '1+0.25', result: 1.25 }, null]);
		ws.addRow(['O1', 3, 'C2', 'S1', new Date(Date.UTC(2024, 1, 1)), 0, 1, null]);
		wb.addWorksheet('Notes').addRow(['ignored']);
		const dir = folderWith({});
		await wb.xlsx.writeFile(path.join(dir, 'order_lines.xlsx'));
		const db = await memoryDb();
		const r = await ingestFolder(db, dir);
		expect(r.refused).toEqual([]);
		expect(r.tables[0]).toMatchObject({ format: 'xlsx', rows_read: 3, rows_loaded: 2, rows_rejected: 1 });
		expect(r.tables[0].rejects).toEqual([{ line: 5, column: 'qty', value: '0', rule: 'qty must be > 0' }]);
		expect(await rows(db, LINES)).toEqual(EXPECTED);
	});
});

describe('recoding text that is not UTF-8 throughout', () => {
	it('decodes Windows-1252 (Node’s own decoder treats it as ISO-8859-1 here)', () => {
		const all = Uint8Array.from({ length: 256 }, (_, i) => i);
		const text = decodeWindows1252(all);
		expect(text).toHaveLength(256);
		// ASCII and 0xA0–0xFF are Latin-1
		for (let b = 0; b < 256; b++) if (b < 0x80 || b >= 0xa0) expect(text.charCodeAt(b), b.toString(16)).toBe(b);
		expect(text.slice(0x80, 0xa0)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
	});

	it('keeps line numbers across read chunks, long lines included, and copies UTF-8 lines byte for byte', async () => {
		const lines: Buffer[] = [Buffer.from('customer_id,name\n')];
		const bad: number[] = [];
		for (let i = 2; i <= 30_000; i++) {
			const latin = i % 4999 === 0 || i === 20_001;
			if (latin) bad.push(i);
			const name = i === 12_345 ? 'x'.repeat(200_000) : `Name ${i}`; // a line longer than a read chunk
			lines.push(latin ? Buffer.from(`C${i},Fran\xe7ois ${name}\n`, 'latin1') : Buffer.from(`C${i},Zoë ${name}\n`));
		}
		const dir = folderWith({ 'in.csv': Buffer.concat(lines) });
		const out = path.join(dir, 'out.csv');
		const r = await recodeToUtf8(path.join(dir, 'in.csv'), out, { compression: null, eol: 0x0a });
		expect(r).toEqual({ lines: bad.length, first: bad.slice(0, 5) });
		const text = readFileSync(out, 'utf8').split('\n');
		expect(text).toHaveLength(30_001); // the last line break leaves an empty tail
		expect(text[4998]).toBe('C4999,François Name 4999');
		expect(text[4997]).toBe('C4998,Zoë Name 4998');
		expect(text[20_000]).toBe('C20001,François Name 20001');
		expect(text[12_344]).toBe(`C12345,Zoë ${'x'.repeat(200_000)}`);
	});
});
