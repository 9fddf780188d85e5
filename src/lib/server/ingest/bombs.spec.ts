/**
 * Issue 19, item 3: what a small file can make the server hold. Gzip whose text is a gigabyte, a
 * workbook whose shared strings unzip to hundreds of megabytes (with honest, lying or streamed sizes),
 * a file of millions of rejected rows: each is refused or bounded, with a message saying which limit,
 * and the process's memory does not follow the file's decompressed size. Every DuckDB instance opens
 * with a memory limit and a private temp directory.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { instanceOptions } from '../db/config';
import { openInstance } from '../db/instance';
import { ingestFolder } from './index';
import { gunzipHead, gunzipToFile } from './decompress';
import { inspectCsv, RefusedFile } from './inspect';
import { checkXlsxBounds, SHARED_STRINGS } from './xlsx-bounds';
import { gzipBomb, repeated, workbookParts, writeZip } from './bomb-fixtures';
import { counts, folderWith, GOOD, memoryDb, rows } from './test-helpers';

const MB = 1024 * 1024;
let tmp: string;
beforeAll(() => {
	tmp = mkdtempSync(path.join(os.tmpdir(), 'ledger-bombs-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
	for (const k of ['LEDGER_MAX_DECOMPRESSED_MB', 'LEDGER_MAX_XLSX_STRINGS_MB', 'LEDGER_DUCKDB_MEMORY']) delete process.env[k];
});

/** Peak growth of the process's resident memory while `fn` runs, sampled every few milliseconds. */
async function rssGrowth<T>(fn: () => Promise<T> | T): Promise<{ value: T | Error; growth: number }> {
	globalThis.gc?.();
	const base = process.memoryUsage().rss;
	let peak = base;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
	let value: T | Error;
	try {
		value = await fn();
	} catch (e) {
		value = e as Error;
	}
	clearInterval(timer);
	peak = Math.max(peak, process.memoryUsage().rss);
	return { value, growth: peak - base };
}

describe('gzip', () => {
	it('a 1 GB gzip of zeros is refused as binary from its first kilobytes, without inflating it', async () => {
		const file = path.join(tmp, 'zeros.csv.gz');
		await gzipBomb(file, '', Buffer.alloc(MB), 1024);
		expect(statSync(file).size).toBeLessThan(1.1 * MB);
		const { value, growth } = await rssGrowth(() => inspectCsv(file));
		expect(value).toBeInstanceOf(RefusedFile);
		expect((value as Error).message).toBe('binary file, not a text CSV');
		// before: gunzipSync of the first 1 MB had no output cap and made a 1 GB buffer
		expect(growth).toBeLessThan(64 * MB);
		expect(gunzipHead(file, 65536).length).toBe(65536);
	});

	it('decompresses a .csv.gz to a plain file and stops at LEDGER_MAX_DECOMPRESSED_MB', async () => {
		const src = path.join(tmp, 'rows.csv.gz');
		const size = await gzipBomb(src, 'customer_id,name\n', repeated('C1,x\n', 200_000), 10); // 10 MB of text
		expect(size).toBe(17 + 10_000_000);
		const ok = path.join(tmp, 'rows-ok.csv');
		await gunzipToFile(src, ok, 20 * MB);
		expect(statSync(ok).size).toBe(size);
		const cut = path.join(tmp, 'rows-cut.csv');
		await expect(gunzipToFile(src, cut, 2 * MB)).rejects.toThrow('decompressed, it is larger than 2 MB, the limit for one file (LEDGER_MAX_DECOMPRESSED_MB)');
		expect(existsSync(cut)).toBe(false); // what came out before the limit is not kept
	});

	it('the ingest refuses a .csv.gz past the limit by name and keeps what was loaded', async () => {
		const db = await memoryDb();
		await ingestFolder(db, folderWith(GOOD));
		const before = await counts(db);
		const dir = folderWith({});
		await gzipBomb(path.join(dir, 'customers.csv.gz'), 'customer_id,name\n', repeated('C1,x\n', 200_000), 3);
		process.env.LEDGER_MAX_DECOMPRESSED_MB = '1';
		const r = await ingestFolder(db, dir);
		expect(r.ok).toBe(false);
		expect(r.refused).toEqual([
			{ file: 'customers.csv.gz', table: 'customers', reason: 'decompressed, it is larger than 1 MB, the limit for one file (LEDGER_MAX_DECOMPRESSED_MB)' }
		]);
		expect(await counts(db)).toEqual(before);
		// under the limit, a .csv.gz still loads (now from its decompressed text)
		delete process.env.LEDGER_MAX_DECOMPRESSED_MB;
		const ok = folderWith({});
		await gzipBomb(path.join(ok, 'customers.csv.gz'), 'customer_id,name\n', Buffer.from('C7,Seven\nC8,Eight\n'), 1);
		const r2 = await ingestFolder(db, ok);
		expect(r2.tables[0]).toMatchObject({ table: 'customers', format: 'csv', compression: 'gzip', rows_loaded: 2 });
		db.closeSync();
	});
});

describe('xlsx', () => {
	const strings = (extra: number, opts = {}) => {
		const file = path.join(tmp, `book-${extra}-${JSON.stringify(opts).replace(/\W/g, '')}.xlsx`);
		writeZip(file, workbookParts([['C1', 'Alpha'], ['C2', 'Beta']], { extra }), opts);
		return file;
	};

	it('a workbook whose shared strings unzip past LEDGER_MAX_XLSX_STRINGS_MB is refused before it is parsed — however its sizes are stated', async () => {
		process.env.LEDGER_MAX_XLSX_STRINGS_MB = '16';
		for (const opts of [{}, { statedSize: 100 }, { streamed: true }, { streamed: true, statedSize: 100 }]) {
			const file = strings(5_000_000, opts); // 300 MB of shared strings
			expect(statSync(file).size, JSON.stringify(opts)).toBeLessThan(2 * MB);
			const { value, growth } = await rssGrowth(() => checkXlsxBounds(file));
			expect(value, JSON.stringify(opts)).toBeInstanceOf(RefusedFile);
			expect((value as Error).message).toBe(
				'its shared strings (xl/sharedStrings.xml) unzip to more than 16 MB, the limit (LEDGER_MAX_XLSX_STRINGS_MB); save the sheet as CSV'
			);
			expect(growth).toBeLessThan(64 * MB);
		}
	});

	it('all parts together are bounded by LEDGER_MAX_DECOMPRESSED_MB', async () => {
		process.env.LEDGER_MAX_DECOMPRESSED_MB = '4';
		await expect(checkXlsxBounds(strings(200_000))).rejects.toThrow('unzipped, it is larger than 4 MB, the limit for one file (LEDGER_MAX_DECOMPRESSED_MB)');
	});

	it('the ingest refuses the bomb by name; an honest workbook of the same shape, plain or streamed, loads', async () => {
		const db = await memoryDb();
		process.env.LEDGER_MAX_XLSX_STRINGS_MB = '16';
		const bomb = folderWith({});
		writeZip(path.join(bomb, 'customers.xlsx'), workbookParts([['C1', 'Alpha']], { extra: 5_000_000 }), { streamed: true });
		const r = await ingestFolder(db, bomb);
		expect(r.refused[0]).toMatchObject({ file: 'customers.xlsx', reason: expect.stringMatching(/LEDGER_MAX_XLSX_STRINGS_MB/) });
		for (const streamed of [false, true]) {
			const dir = folderWith({});
			writeZip(path.join(dir, 'customers.xlsx'), workbookParts([['C1', 'Alpha'], ['C2', 'Beta']]), { streamed });
			const ok = await ingestFolder(db, dir);
			expect(ok.refused).toEqual([]);
			expect(ok.tables[0]).toMatchObject({ format: 'xlsx', rows_loaded: 2 });
			expect(await rows(db, 'SELECT customer_id, name FROM customers ORDER BY 1')).toEqual([
				{ customer_id: 'C1', name: 'Alpha' },
				{ customer_id: 'C2', name: 'Beta' }
			]);
		}
		// and one written by a real spreadsheet writer
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('x');
		ws.addRow(['customer_id', 'name']);
		ws.addRow(['C9', 'Nine']);
		const dir = folderWith({});
		await wb.xlsx.writeFile(path.join(dir, 'customers.xlsx'));
		await checkXlsxBounds(path.join(dir, 'customers.xlsx'));
		expect((await ingestFolder(db, dir)).tables[0]).toMatchObject({ rows_loaded: 1 });
		db.closeSync();
	});

	it('a part whose method is not deflate, or that comes after a central-directory record, is counted all the same (second red-team pass)', async () => {
		process.env.LEDGER_MAX_XLSX_STRINGS_MB = '16';
		const rows: [string, string][] = [['C1', 'Alpha']];
		for (const opts of [{ methodFor: (n: string) => (n === SHARED_STRINGS ? 1 : 8) }, { afterCentral: [SHARED_STRINGS, 'xl/worksheets/sheet1.xml'] }]) {
			const file = path.join(tmp, `sneaky-${Object.keys(opts)[0]}.xlsx`);
			writeZip(file, workbookParts(rows, { extra: 5_000_000 }), opts);
			await expect(checkXlsxBounds(file), Object.keys(opts)[0]).rejects.toThrow(/shared strings \(xl\/sharedStrings\.xml\) unzip to more than 16 MB/);
		}
	});

	it('what the reader holds at once is bounded whatever the bytes: rich-text runs, a text node, a row', async () => {
		const book = (name: string, o: Parameters<typeof workbookParts>[1]) => {
			const file = path.join(tmp, `${name}.xlsx`);
			writeZip(file, workbookParts([['C1', 'Alpha']], o));
			return file;
		};
		// 1.2 million runs in 27 MB: under the size limit, over what the cache may hold
		await expect(checkXlsxBounds(book('runs', { extra: 600_000, piece: '<si><r><t>a</t></r><r><t>b</t></r></si>' }))).rejects.toThrow(
			'its shared strings hold more than 1,000,000 rich-text runs: it cannot be a real spreadsheet; save the sheet as CSV'
		);
		await expect(checkXlsxBounds(book('text', { cellText: 'y'.repeat(1_200_000) }))).rejects.toThrow(/xl\/worksheets\/sheet1\.xml holds a text of more than 1 MB/);
		await expect(checkXlsxBounds(book('row', { cellText: 'z'.repeat(900_000), cells: 20 }))).rejects.toThrow(/xl\/worksheets\/sheet1\.xml has a row of more than 16 MB/);
		await checkXlsxBounds(book('fine', { cellText: 'w'.repeat(30_000), cells: 3 }));
	});

	it('a workbook written as Excel writes it (the sheet before the shared strings) leaves no temp file behind', async () => {
		const ours = () => readdirSync(os.tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`)).length;
		const before = ours();
		const db = await memoryDb();
		const dir = folderWith({});
		writeZip(path.join(dir, 'customers.xlsx'), workbookParts([['C1', 'Alpha'], ['C2', 'Beta']], { sheetFirst: true }));
		const r = await ingestFolder(db, dir);
		expect(r.refused).toEqual([]);
		expect(r.tables[0]).toMatchObject({ rows_loaded: 2 });
		expect(ours()).toBe(before);
		db.closeSync();
	});

	it('a broken archive is refused with a message, not a crash', async () => {
		const file = path.join(tmp, 'broken.xlsx');
		writeFileSync(file, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(10)]));
		await expect(checkXlsxBounds(file)).rejects.toThrow(/^not a readable XLSX workbook/);
	});
});

describe('one long line', () => {
	it('is read in linear time, and a line over 16 MB refuses the file (a 50 MB line took minutes, holding the server)', async () => {
		const db = await memoryDb();
		// Windows-1252 from the first byte: the file goes through the recoder, line by line
		const long = Buffer.concat([Buffer.from('customer_id,name\nC1,Caf\xe9\nC2,', 'latin1'), Buffer.alloc(17 * MB, 0x41), Buffer.from(',x\n')]);
		const t0 = performance.now();
		const r = await ingestFolder(db, folderWith({ 'customers.csv': long }));
		expect(r.refused).toEqual([{ file: 'customers.csv', table: 'customers', reason: 'a line is longer than 16 MB: not a CSV file' }]);
		expect(performance.now() - t0).toBeLessThan(30_000);
		db.closeSync();
	});
});

describe('refusals', () => {
	it('say what is wrong in a few lines, however long the file’s own text, and name no server path', async () => {
		const db = await memoryDb();
		const dir = folderWith({});
		await gzipBomb(path.join(dir, 'customers.csv.gz'), 'x' + '\u0001'.repeat(1_900_000) + '\n', Buffer.from('1\n'), 1);
		await gzipBomb(path.join(dir, 'products.csv.gz'), 'sku,unit_cost\n', Buffer.from('"S1,2\n'), 1); // a quote never closed
		const r = await ingestFolder(db, dir);
		const reasons = Object.fromEntries(r.refused.map((x) => [x.file, x.reason]));
		expect(reasons['customers.csv.gz'].length).toBeLessThan(2500);
		expect(reasons['customers.csv.gz']).toMatch(/^required column missing: customer_id \(headers found: "x(\\u0001)+…"\)$/);
		for (const reason of Object.values(reasons)) {
			expect(reason).not.toContain(os.tmpdir() + path.sep);
			expect(reason).not.toContain(dir);
		}
		db.closeSync();
	});
});

describe('the database file', () => {
	it('is its user’s alone: created 0600 in a folder created 0700', async () => {
		const file = path.join(tmp, 'private', 'sub', 'ledger.duckdb');
		const db = await openInstance(file);
		db.closeSync();
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
	});
});

describe('rejects', () => {
	const OL = 'order_id,line_no,customer_id,sku,order_date,promised_date,ship_date,qty,unit_price,qty_backordered,backorder_filled_date,qty_cancelled\n';
	const line = (i: number, qty: string, date = '2024-01-02') => `O${i},1,C1,S1,${date},,,${qty},5,,,\n`;

	it('load_rejects keeps the first 1,000 of each rule; the counts cover every one', async () => {
		const db = await memoryDb();
		let body = '';
		for (let i = 0; i < 6000; i++) body += i < 1500 ? line(i, '0') : i < 2700 ? line(i, '1', 'not-a-date') : line(i, '1');
		const r = await ingestFolder(db, folderWith({ 'order_lines.csv': OL + body }));
		expect(r.tables[0]).toMatchObject({ rows_read: 6000, rows_loaded: 3300, rows_rejected: 2700, rejects_stored: 2000 });
		expect(r.tables[0].notes).toContain('load_rejects keeps the first 1000 rejects of each rule; the counts cover them all');
		const kept = await rows(db, `SELECT rule, count(*) AS n, min(line::INT) AS first FROM load_rejects GROUP BY rule ORDER BY rule`);
		expect(kept.map((k) => [Number(k.n), k.first])).toEqual([
			[1000, 1502],
			[1000, 2]
		]);
		db.closeSync();
	});

	it('a file more than half of whose rows are rejected (1,000 or more) is refused as a whole, saying why', async () => {
		const db = await memoryDb();
		await ingestFolder(db, folderWith(GOOD));
		const before = await counts(db);
		let body = '';
		for (let i = 0; i < 3000; i++) body += line(i, i < 2000 ? 'x' : '1');
		const r = await ingestFolder(db, folderWith({ 'order_lines.csv': OL + body }));
		expect(r.ok).toBe(false);
		expect(r.refused[0].reason).toMatch(/^2,000 of its 3,000 rows were rejected \(more than 50%\), so it is refused as a whole \("not a number" ×2000 \(first at line 2\)\)/);
		expect(await counts(db)).toEqual(before);
		// a repeated key a million times over: the same, however few bytes it took
		const dup = folderWith({});
		await gzipBomb(path.join(dup, 'customers.csv.gz'), 'customer_id,name\n', repeated('C1,x\n', 100_000), 10);
		const d = await ingestFolder(db, dup);
		expect(d.refused[0].reason).toMatch(/^999,999 of its 1,000,000 rows were rejected .*"duplicate key \(customer_id\)" ×999999/);
		expect(await counts(db)).toEqual(before);
		db.closeSync();
	});
});

describe('every DuckDB instance', () => {
	it('opens with a memory limit and a private temp directory: the server’s, the CLI’s and the scratch ones', async () => {
		process.env.LEDGER_DUCKDB_MEMORY = '700MB';
		const db = await memoryDb();
		const [s] = await rows(db, `SELECT current_setting('memory_limit') AS mem, current_setting('temp_directory') AS tmp`);
		expect(s.mem).toMatch(/^(667\.5 MiB|700\.0 MB)$/);
		expect(String(s.tmp)).toMatch(new RegExp(`^${os.tmpdir()}/ledger-duckdb-\\w+/spill$`));
		expect(statSync(path.dirname(String(s.tmp))).mode & 0o777).toBe(0o700);
		db.closeSync();
		expect(instanceOptions('/data/ledger.duckdb')).toEqual({ threads: '2', memory_limit: '700MB', temp_directory: '/data/ledger.duckdb.tmp' });
		expect(instanceOptions(':memory:', 'scratch')).toMatchObject({ threads: '1', memory_limit: '384MB' });
		expect(existsSync(String(s.tmp))).toBe(false); // created by DuckDB only when it spills
	});
});
