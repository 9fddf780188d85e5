/** Column mapping end to end: the SAP EPM sample maps (by its shipped preset) and loads; a user mapping saves and is found again. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeInstance, getInstance } from '../db';
import { rows } from '../ingest/test-helpers';
import { createSession, receiveChunk, sessionFiles, settled } from './uploads';
import { loadUpload } from './load';
import ExcelJS from 'exceljs';
import { columnValues, inspectFiles, inspectUpload, previewMappings, saveMapping, suggestMappings } from './mapping';
import { toSaved, type TableMapping } from '$lib/data/mapping';
import { latestPlausibleDate } from '$lib/data/date-formats';

const SAP = path.resolve('..', 'shared', 'samples', 'sap-epm');
const SAP_FILES = ['SalesOrders.csv', 'SalesOrderItems.csv', 'Products.csv', 'BusinessPartners.csv'];

beforeAll(() => {
	process.env.LEDGER_DB = ':memory:';
	process.env.LEDGER_UPLOAD_DIR = path.join(os.tmpdir(), `ledger-mapping-spec-${process.pid}`);
	delete process.env.LEDGER_TOKEN;
});
afterAll(() => closeInstance());

async function uploadFiles(files: Record<string, Buffer | string>) {
	const s = createSession();
	for (const [name, content] of Object.entries(files)) {
		const b = typeof content === 'string' ? Buffer.from(content) : content;
		await receiveChunk(s.id, name, 0, b.length, new Response(new Blob([new Uint8Array(b)])).body, b.length);
	}
	return s.id;
}
const shapesOf = (id: string) => {
	const { dir, files } = sessionFiles(id);
	return inspectFiles(files.map((f) => ({ name: f.name, path: path.join(dir, f.name) })));
};

describe.skipIf(!existsSync(SAP))('the SAP EPM sample', () => {
	it(existsSync(SAP) ? 'maps by its preset, previews, and loads orders, lines, products and customers' : `skipped: ${SAP} is absent`, async () => {
		const id = await uploadFiles(Object.fromEntries(SAP_FILES.map((f) => [f, readFileSync(path.join(SAP, f))])));
		const shapes = await shapesOf(id);
		expect(shapes.find((s) => s.name === 'SalesOrderItems.csv')?.headers[0]).toBe('SALESORDERID'); // BOM gone
		const suggestions = await suggestMappings(shapes);
		expect(suggestions.map((s) => [s.mapping.table, s.mapping.file, s.mapping.lookup?.file, s.source])).toEqual([
			['order_lines', 'SalesOrderItems.csv', 'SalesOrders.csv', 'preset'],
			['products', 'Products.csv', undefined, 'preset'],
			['customers', 'BusinessPartners.csv', undefined, 'preset']
		]);
		expect(suggestions[0].limitations[0]).toMatch(/No backorder quantities/);
		const mappings = suggestions.map((s) => s.mapping);

		const preview = await previewMappings(mappings, sessionFiles(id).dir, []);
		const lines = preview.find((p) => p.table === 'order_lines')!;
		expect(lines.rows[0].slice(0, 5)).toEqual(['200000000', '10', '100000017', 'MZ-FG-R100', '2015-01-01']);
		expect(lines.report.tables[0].rows_read).toBe(500);
		expect(lines.gaps[0]).toMatch(/No backorder quantities/);

		await loadUpload(id, { mappings });
		const st = await settled(id);
		expect(st.error).toBeNull();
		const t = Object.fromEntries(st.report!.tables.map((x) => [x.table, x]));
		expect(Object.keys(t).sort()).toEqual(['customers', 'order_lines', 'products']);
		expect(t.customers.rows_loaded).toBe(40);
		expect(t.products.rows_loaded).toBe(35);
		expect(t.order_lines.rows_read).toBe(17818);
		const items = readFileSync(path.join(SAP, 'SalesOrderItems.csv'), 'utf8').split('\n');
		const created = new Map(
			readFileSync(path.join(SAP, 'SalesOrders.csv'), 'utf8')
				.split('\n')
				.map((l) => l.replace(/^\uFEFF/, '').split(';'))
				.map((f) => [f[0], f[2]] as const)
		);
		// 4,878 items belong to orders that are not in SalesOrders: no customer, no date (as the preset
		// says); the synthetic sample runs to 2036, and dates more than five years ahead are implausible
		const latest = latestPlausibleDate().replaceAll('-', '');
		const loadable = items.slice(1).filter((l) => {
			const f = l.split(';');
			return f.length > 12 && created.has(f[0]) && created.get(f[0])! <= latest && f[12].trim() <= latest;
		});
		expect(t.order_lines.rows_loaded).toBe(loadable.length);
		expect(new Set(t.order_lines.rejects.map((r) => `${r.column}:${r.rule}`))).toEqual(new Set(['customer_id:required', 'order_date:required']));
		// the line number points into the source file: that item's order is not in SalesOrders
		for (const r of t.order_lines.rejects) expect(created.has(items[r.line - 1].split(';')[0]), `line ${r.line}`).toBe(false);
		expect(created.has(items[1].split(';')[0])).toBe(true);
		expect(t.order_lines.file).toBe('SalesOrderItems.csv + SalesOrders.csv');
		const db = await getInstance();
		const [agg] = await rows(db, `SELECT max(qty_backordered) AS bo, min(order_date)::VARCHAR AS first, count(DISTINCT customer_id) AS customers, round(sum(qty * unit_price)) AS value FROM order_lines`);
		expect(agg.bo).toBe(0);
		expect(agg.first).toBe('2015-01-01');
		const [one] = await rows(db, `SELECT qty, unit_price, promised_date::VARCHAR AS p FROM order_lines WHERE order_id = '200000000' AND line_no = 10`);
		expect(one).toEqual({ qty: 6, unit_price: 729.021667, p: '2015-02-26' });
	});
});

describe('saved mappings', () => {
	it('a mapping saved for one export is suggested for the next export of the same shape', async () => {
		const csv = 'Kunde Nr;Firma;Gebiet\n"K-1";Alpha GmbH;Nord\n"K-2";Beta AG;Süd\n';
		const id = await uploadFiles({ 'kunden export 1.csv': csv });
		const shapes = await shapesOf(id);
		expect(await suggestMappings(shapes)).toEqual([]);
		const m: TableMapping = {
			table: 'customers',
			file: 'kunden export 1.csv',
			columns: {
				customer_id: { kind: 'column', source: { column: 'Kunde Nr' } },
				name: { kind: 'join', sources: [{ column: 'Firma' }, { column: 'Kunde Nr' }], separator: ' · ' },
				region: { kind: 'column', source: { column: 'Gebiet' } },
				segment: { kind: 'constant', value: 'Core' }
			}
		};
		await saveMapping(toSaved('Kunden', m, shapes));
		const id2 = await uploadFiles({ 'kunden export 2.csv': csv.replace('Alpha', 'Gamma') });
		const [s] = await suggestMappings(await shapesOf(id2));
		expect(s).toMatchObject({ name: 'Kunden', source: 'saved', mapping: { table: 'customers', file: 'kunden export 2.csv' } });
		await loadUpload(id2, { mappings: [s.mapping] });
		expect((await settled(id2)).state).toBe('done');
		expect(await rows(await getInstance(), `SELECT customer_id, name, region, segment FROM customers ORDER BY 1`)).toEqual([
			{ customer_id: 'K-1', name: 'Gamma GmbH · K-1', region: 'Nord', segment: 'Core' },
			{ customer_id: 'K-2', name: 'Beta AG · K-2', region: 'Süd', segment: 'Core' }
		]);
	});

	it('an export in Windows-1252 (or mixing it with UTF-8, past the first 64 kB too) maps and loads with its characters', async () => {
		const lines = [
			Buffer.from('Kunde Nr;Firma;Gebiet\n'),
			Buffer.from('K-1;M\xfcller & S\xf6hne;S\xfcd\n', 'latin1'),
			Buffer.from('K-2;O\x92Brien \x80 Co;Nord\n', 'latin1'),
			...Array.from({ length: 3000 }, (_, i) => Buffer.from(`X-${i};Firma Zoë ${i};Ost\n`)),
			Buffer.from('K-3;Fran\xe7ois SA;West\n', 'latin1')
		];
		const id = await uploadFiles({ 'kunden.csv': Buffer.concat(lines) });
		const [shape] = await shapesOf(id);
		expect(shape.headers).toEqual(['Kunde Nr', 'Firma', 'Gebiet']);
		expect(shape.rows.slice(0, 2)).toEqual([
			['K-1', 'Müller & Söhne', 'Süd'],
			['K-2', 'O’Brien € Co', 'Nord']
		]);
		const m: TableMapping = {
			table: 'customers',
			file: 'kunden.csv',
			columns: { customer_id: { kind: 'column', source: { column: 'Kunde Nr' } }, name: { kind: 'column', source: { column: 'Firma' } }, region: { kind: 'column', source: { column: 'Gebiet' } } }
		};
		await loadUpload(id, { mappings: [m] });
		const st = await settled(id);
		expect(st.error).toBeNull();
		expect(st.report!.tables[0]).toMatchObject({ rows_loaded: 3003, rows_rejected: 0 });
		expect(await rows(await getInstance(), `SELECT customer_id, name, region FROM customers WHERE customer_id LIKE 'K%' OR customer_id = 'X-2999' ORDER BY 1`)).toEqual([
			{ customer_id: 'K-1', name: 'Müller & Söhne', region: 'Süd' },
			{ customer_id: 'K-2', name: 'O’Brien € Co', region: 'Nord' },
			{ customer_id: 'K-3', name: 'François SA', region: 'West' },
			{ customer_id: 'X-2999', name: 'Firma Zoë 2999', region: 'Ost' }
		]);
		// UTF-8 up to its last line, which is Windows-1252: found by reading the whole file, not a sample
		const late = await uploadFiles({ 'kunden.csv': Buffer.concat([lines[0], ...lines.slice(3)]) });
		await loadUpload(late, { mappings: [m] });
		expect((await settled(late)).report!.tables[0]).toMatchObject({ rows_loaded: 3001, rows_rejected: 0 });
		expect(await rows(await getInstance(), `SELECT name FROM customers WHERE customer_id IN ('K-3', 'X-0') ORDER BY customer_id`)).toEqual([{ name: 'François SA' }, { name: 'Firma Zoë 0' }]);
	});

	it('an invalid mapping is refused before anything is read', async () => {
		const id = await uploadFiles({ 'x.csv': 'a,b\n1,2\n' });
		await expect(loadUpload(id, { mappings: [{ table: 'nope', file: 'x.csv', columns: {} }] })).rejects.toMatchObject({ status: 400 });
		await loadUpload(id, { mappings: [{ table: 'products', file: 'x.csv', columns: { sku: { kind: 'column', source: { column: 'zz' } } } }] });
		const st = await settled(id);
		expect(st.state).toBe('failed');
		expect(st.error).toMatch(/products: sku "zz" is not a column of x.csv/);
	});
});

describe('real shapes (issue 14)', () => {
	const LINES = 'Order,Item,Customer,Material,Ordered,Qty,Price,Channel\n';
	const mapping = (file: string): TableMapping => ({
		table: 'order_lines',
		file,
		columns: {
			order_id: { kind: 'column', source: { column: 'Order' } },
			line_no: { kind: 'column', source: { column: 'Item' } },
			customer_id: { kind: 'column', source: { column: 'Customer' } },
			sku: { kind: 'column', source: { column: 'Material' } },
			order_date: { kind: 'column', source: { column: 'Ordered' } },
			qty: { kind: 'column', source: { column: 'Qty' } },
			unit_price: { kind: 'column', source: { column: 'Price' } }
		}
	});

	it('month-first dates with 2-digit years go to the ingest as written: 8/27/14 is 2014, and the preview says what was detected', async () => {
		const id = await uploadFiles({ 'lines.csv': LINES + 'A1,1,C1,M1,8/27/14,2,5,Phone\nA1,2,C1,M2,9/1/14,1,5,Phone\nA2,1,C2,M1,12/13/14,3,5,Email\n' });
		const [p] = await previewMappings([mapping('lines.csv')], sessionFiles(id).dir, []);
		expect(p.rows.map((r) => r[4])).toEqual(['2014-08-27', '2014-09-01', '2014-12-13']);
		expect(p.report.tables[0].notes).toContain('order_date: dates read as month first (8/27/14), detected from 3 values');
	});

	it('an unquoted comma in some rows: the file keeps its columns, those rows are rejected on their own with their lines', async () => {
		const id = await uploadFiles({ 'lines.csv': LINES + 'A1,1,C1,M1,2024-01-02,2,5,Phone\nA1,2,C1,M2,2024-01-02,1,5,Web, shop\nA2,1,C2,M1,2024-01-03,3,5,Email\n' });
		const [shape] = await shapesOf(id);
		expect(shape.headers).toEqual(LINES.trim().split(','));
		await loadUpload(id, { mappings: [mapping('lines.csv')] });
		const st = await settled(id);
		expect(st.error).toBeNull();
		expect(st.report!.tables[0]).toMatchObject({ rows_read: 3, rows_loaded: 2, rows_rejected: 1, rejects: [{ line: 3, column: null, value: 'A1,2,C1,M2,2024-01-02,1,5,Web, shop', rule: 'malformed row: Expected Number of Columns: 8 Found: 9' }] });
	});

	it('a file the mapping does not read, and that names no table, is ignored (and said so), not a reason to refuse the load', async () => {
		const id = await uploadFiles({ 'lines.csv': LINES + 'A1,1,C1,M1,2024-01-02,2,5,Phone\n', 'notes from Bob.csv': 'whatever,this\nis,\n' });
		await loadUpload(id, { mappings: [mapping('lines.csv')] });
		const st = await settled(id);
		expect(st.state).toBe('done');
		expect(st.report!.ignored_files).toEqual(['notes from Bob.csv']);
		expect(st.report!.tables.map((t) => t.table)).toEqual(['order_lines']);
	});

	it('an .xlsx whose first row is the header maps and loads; a bad row is rejected on its sheet row', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Export');
		ws.addRow(LINES.trim().split(','));
		ws.addRow(['A1', 1, 'C1', 'M1', new Date(Date.UTC(2024, 0, 2)), 2, 5, 'Phone']);
		ws.addRow(['A1', 2, 'C1', 'M2', new Date(Date.UTC(2024, 0, 2)), -1, 5, 'Phone']);
		const id = await uploadFiles({ 'lines.xlsx': Buffer.from(await wb.xlsx.writeBuffer()) });
		const [shape] = await shapesOf(id);
		expect(shape.headers).toEqual(LINES.trim().split(','));
		expect(shape.rows[0]).toEqual(['A1', '1', 'C1', 'M1', '2024-01-02', '2', '5', 'Phone']);
		await loadUpload(id, { mappings: [mapping('lines.xlsx')] });
		const st = await settled(id);
		expect(st.error).toBeNull();
		expect(st.report!.tables[0]).toMatchObject({ rows_loaded: 1, rows_rejected: 1, rejects: [{ line: 3, column: 'qty', value: '-1', rule: 'qty must be > 0' }] });
	});

	it('a file without a header row is read as Column 1…N when declared so, and a column’s distinct values are listed for a value map', async () => {
		const id = await uploadFiles({ 'tickets.csv': 'T1,2024-01-02 10:00,C1,Social media\nT2,2024-01-03 11:00,C2,Email\nT3,2024-01-03 12:00,C1,Social media\n' });
		const { dir } = sessionFiles(id);
		const plain = await inspectUpload([{ name: 'tickets.csv', path: path.join(dir, 'tickets.csv') }]);
		expect(plain.files[0]).toMatchObject({ headers: ['T1', '2024-01-02 10:00', 'C1', 'Social media'], headerless: false });
		const [shape] = await inspectFiles([{ name: 'tickets.csv', path: path.join(dir, 'tickets.csv'), noHeader: true }]);
		expect(shape).toMatchObject({ headers: ['Column 1', 'Column 2', 'Column 3', 'Column 4'], headerless: true, width: 4 });
		expect(shape.rows).toHaveLength(3);
		expect(await columnValues(dir, 'tickets.csv', 'Column 4', true)).toEqual({
			values: [
				{ value: 'Social media', rows: 2 },
				{ value: 'Email', rows: 1 }
			],
			distinct: 2
		});
		await expect(columnValues(dir, 'tickets.csv', 'Column 9', true)).rejects.toMatchObject({ status: 400 });
		await expect(columnValues(dir, '../tickets.csv', 'Column 4', true)).rejects.toMatchObject({ status: 400 });
		const contacts: TableMapping = {
			table: 'contacts',
			file: 'tickets.csv',
			noHeader: true,
			columns: {
				contact_id: { kind: 'column', source: { column: 'Column 1' } },
				contact_at: { kind: 'column', source: { column: 'Column 2' } },
				customer_id: { kind: 'column', source: { column: 'Column 3' } },
				team: { kind: 'constant', value: 'service' },
				channel: { kind: 'map', source: { column: 'Column 4' }, values: { 'Social media': 'other', Email: 'email' } }
			}
		};
		await loadUpload(id, { mappings: [contacts] });
		const st = await settled(id);
		expect(st.error).toBeNull();
		expect(st.report!.tables[0]).toMatchObject({ rows_read: 3, rows_loaded: 3 });
		expect(await rows(await getInstance(), `SELECT contact_id, channel FROM contacts ORDER BY 1`)).toEqual([
			{ contact_id: 'T1', channel: 'other' },
			{ contact_id: 'T2', channel: 'email' },
			{ contact_id: 'T3', channel: 'other' }
		]);
	});
});
