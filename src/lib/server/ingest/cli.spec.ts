import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openInstance } from '../db/instance';
import { counts, folderWith, GOOD, GOOD_COUNTS } from './test-helpers';

const ROOT = path.resolve(__dirname, '../../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function cli(args: string[], db: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(TSX, ['scripts/ingest.ts', ...args], { cwd: ROOT, env: { ...process.env, LEDGER_DB: db } });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

const tempDb = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-')), 'ledger.duckdb');

describe('npm run ingest -- <folder>', () => {
	it('loads a good folder, prints counts and the first rejects, exits 0', async () => {
		const db = tempDb();
		const folder = folderWith({ ...GOOD, 'customers.csv': GOOD['customers.csv'] + 'C3,Dup,,,,,\n' });
		const r = await cli([folder], db);
		expect(r.stderr).not.toMatch(/refused|Error/);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('table                file                     read  loaded  rejected');
		expect(r.stdout).toContain('customers            customers.csv               4       3         1');
		expect(r.stdout).toContain('order_lines          order_lines.csv             3       3         0');
		expect(r.stdout).toContain('customers.csv line 5, customer_id = "C3": duplicate key (customer_id)');
		expect(r.stdout).toMatch(/Loaded in \d+\.\d\d s \(load 1, data version 1\)\./);
		// plain progress lines on a pipe, no carriage returns
		expect(r.stderr).toContain('order_lines: reading\n');
		expect(r.stderr).not.toContain('\r');
		// the dashboard tables are built after the load, kept in the file for the server's first answer
		expect(r.stdout).toMatch(/Dashboard tables built in \d+\.\d\d s\./);
		// and the default views computed and kept in the file (src/lib/server/answer-store.ts)
		expect(r.stdout).toMatch(/Default views computed in \d+\.\d\d s\./);
		const inst = await openInstance(db);
		expect(await counts(inst)).toEqual(GOOD_COUNTS);
		const c = await inst.connect();
		const built = (await c.runAndReadAll('SELECT version FROM derived.build_info')).getRows();
		const lines = (await c.runAndReadAll('SELECT sum(lines)::INTEGER FROM derived.line_months')).getRows();
		const kinds = (await c.runAndReadAll('SELECT count(*)::INTEGER FROM derived.answers')).getRows();
		c.closeSync();
		expect(built).toHaveLength(1);
		expect(lines[0][0]).toBe(3);
		// the ledger, the home page's trend and drivers, /customers: at least these four
		expect(kinds[0][0]).toBeGreaterThanOrEqual(4);
		inst.closeSync();
	});

	it('refuses an unreadable file naming it and why, exits 1, and keeps the data', async () => {
		const db = tempDb();
		expect((await cli([folderWith(GOOD)], db)).code).toBe(0);
		const r = await cli([folderWith({ 'customers.csv': 'customer_id\nC9\n', 'order_lines.csv': '' })], db);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('ingest: refused order_lines.csv: the file is empty (0 bytes)');
		expect(r.stdout).toContain('Refused (nothing was loaded; the database is unchanged):\n  order_lines.csv: the file is empty (0 bytes)');
		const inst = await openInstance(db);
		expect(await counts(inst)).toEqual(GOOD_COUNTS);
		inst.closeSync();
	});

	it('reads a file of mixed encodings and says which lines it read as Windows-1252', async () => {
		const db = tempDb();
		const customers = Buffer.concat([Buffer.from('customer_id,name\nC1,Café\n'), Buffer.from('C2,M\xfcller\n', 'latin1'), Buffer.from('C3,Zoë\n')]);
		const r = await cli([folderWith({ 'customers.csv': customers })], db);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toContain('customers  customers.csv     3       3         0');
		expect(r.stdout).toContain(
			'Notes:\n  customers.csv: 1 line not valid UTF-8 (line 3) was read as Windows-1252 (Western European); the rest as UTF-8'
		);
		const inst = await openInstance(db);
		const c = await inst.connect();
		expect((await c.runAndReadAll('SELECT list(name ORDER BY customer_id) FROM customers')).getRows()[0][0]).toMatchObject({ items: ['Café', 'Müller', 'Zoë'] });
		c.closeSync();
		inst.closeSync();
	});

	it('says so clearly and exits 2 when another process holds the database', async () => {
		const db = tempDb();
		const holder = await openInstance(db); // DuckDB locks per process: this test process is the "server"
		try {
			const r = await cli([folderWith(GOOD)], db);
			expect(r.code).toBe(2);
			expect(r.stderr).toContain(`ingest: The database ${db} is in use by another process`);
			expect(r.stdout).toBe('');
		} finally {
			holder.closeSync();
		}
	});

	it('prints usage and exits 2 without a folder, or for a folder that does not exist', async () => {
		const r = await cli([], tempDb());
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('usage: npm run ingest -- <folder>');
		const missing = await cli(['/nonexistent/folder'], tempDb());
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('ingest: folder not found: /nonexistent/folder');
	});

	it('exits 1 when the folder holds no canonical file', async () => {
		const r = await cli([folderWith({ 'readme.txt': 'hi' })], tempDb());
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('no file in');
	});

	it('--mapping applies a saved mapping to a folder of exports; --replace-all empties the tables it has no file for', async () => {
		const db = tempDb();
		expect((await cli([folderWith(GOOD)], db)).code).toBe(0);
		const folder = path.join(ROOT, 'tests/fixtures/exports/sap-order-deliveries');
		const r = await cli(['--mapping', path.join(folder, 'mapping.json'), '--replace-all', folder], db);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toContain('order_lines  sales_items.csv    10      10         0');
		expect(r.stdout).toContain('shipments    deliveries.csv     11      10         1');
		expect(r.stdout).toContain('deliveries.csv line 11: "0080001009;000010;0000004716;000020;M-104;12.11.2024;20,0...": malformed row: Expected Number of Columns: 8 Found: 9');
		expect(r.stdout).toContain('Emptied (a replace-all load with no file for them): customers, products, inventory_snapshots, contacts, opportunities');
		const inst = await openInstance(db);
		expect(await counts(inst)).toEqual({ customers: 0, products: 0, order_lines: 10, inventory_snapshots: 0, contacts: 0, opportunities: 0 });
		inst.closeSync();
	});

	it('--mapping: a mapping file that cannot be used exits 2; one that matches no file exits 1 and changes nothing', async () => {
		const db = tempDb();
		expect((await cli([folderWith(GOOD)], db)).code).toBe(0);
		const broken = await cli(['--mapping', path.join(folderWith({ 'm.json': '{"version":1,"mappings":[]}' }), 'm.json'), folderWith(GOOD)], db);
		expect(broken.code).toBe(2);
		expect(broken.stderr).toContain('the mapping file holds no mapping');
		const mapping = path.join(ROOT, 'tests/fixtures/exports/inventory-bins/mapping.json');
		const none = await cli(['--mapping', mapping, folderWith({ 'other.csv': 'a,b\n1,2\n' })], db);
		expect(none.code).toBe(1);
		expect(none.stderr).toContain('the mapping "inventory-bins: inventory_snapshots" (inventory_snapshots) matches no file in');
		expect(none.stderr).toContain('it needs a file like stock_by_bin.csv with the same 6 columns (no header row)');
		const inst = await openInstance(db);
		expect(await counts(inst)).toEqual(GOOD_COUNTS);
		inst.closeSync();
	});
});
