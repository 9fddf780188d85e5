/**
 * Issue 10 through the real server: bad input sent over HTTP the way the /data page sends it, a file of
 * mixed encodings uploaded in the browser, and a server killed (SIGKILL) in the middle of an upload —
 * while the chunks arrive and while the load runs — then restarted on the same database.
 * The bad-input cases one by one, next to the CLI's answers, are src/lib/server/data/bad-input.spec.ts.
 */
import { expect, test } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { difference, summaryFigures, TABLE_FILE, uploadClient } from '../../scripts/load-test';

const SAMPLE = path.join(path.resolve(process.env.E2E_DATA || 'test-results/e2e-data'), 'sample');
/** The shared server's upload folder: beside its database (serve.ts). */
const UPLOADS = path.join(path.resolve(process.env.E2E_DATA || 'test-results/e2e-data'), 'uploads');
const TSX = path.join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');

function expectSameFigures(actual: unknown, expected: unknown) {
	expect(difference(summaryFigures(expected), summaryFigures(actual), 'summary')).toBeNull();
}

test.describe('bad input over HTTP, on the shared server', () => {
	test('refused uploads name the file and change nothing; a 2 GB file and an oversized chunk are refused up front', async ({ baseURL, request }) => {
		const api = uploadClient(baseURL!);
		const summary = await (await request.get('/api/summary')).json();
		const health = await (await request.get('/api/health')).json();

		// files that reach the ingest and are refused there: the load names each, nothing changes
		const s = await api.start();
		const put = (name: string, text: string | Buffer) => api.put(s.id, name, 0, Buffer.byteLength(text), Buffer.from(text));
		expect((await put('order_lines.csv', 'Order ID,line_no,customer_id\nO1,1,C1\n')).status).toBe(200);
		expect((await put('products.csv', '')).status).toBe(200);
		const customers = 'customer_id,name\nC1,Only one\n';
		const named = await put('../../../customers.csv', customers);
		expect(named.body).toEqual({ name: 'customers.csv', bytes: customers.length, table: 'customers' });
		expect((await api.load(s.id)).status).toBe(202);
		const done = await api.wait(s.id, undefined, 100);
		expect(done.state).toBe('failed');
		expect(done.error).toBe('Nothing was loaded: some files were refused (see below). Every table is as it was.');
		expect((done.report as { refused: unknown[] }).refused).toEqual([
			{ file: 'products.csv', table: 'products', reason: 'the file is empty (0 bytes)' },
			{
				file: 'order_lines.csv',
				table: 'order_lines',
				reason: 'required columns missing: sku, order_date, qty, unit_price (headers found: "Order ID", "line_no", "customer_id")'
			}
		]);
		// the session folder (beside the database: serve.ts sets no LEDGER_UPLOAD_DIR) is gone
		expect(existsSync(path.join(UPLOADS, s.id))).toBe(false);

		// a 2 GB file: refused before its bytes are read
		const big = await api.start();
		const twoGb = await api.put(big.id, 'order_lines.csv', 0, 2 * 1024 ** 3 + 1, Buffer.from('order_id'));
		expect(twoGb).toEqual({ status: 413, body: { error: 'order_lines.csv is 2049 MB; the limit is 2048 MB (LEDGER_MAX_UPLOAD_MB)' } });
		// a chunk over adapter-node's BODY_SIZE_LIMIT (512 kB by default; the page sends chunks under it)
		const chunk = Buffer.alloc(big.chunk_bytes + 64 * 1024, 0x41);
		const over = await api.put(big.id, 'contacts.csv', 0, chunk.length, chunk);
		expect(over.status).toBe(413);
		expect(over.body.error).toMatch(/^contacts\.csv: a chunk was larger than the server accepts/);
		expect(existsSync(path.join(UPLOADS, big.id))).toBe(true);
		expect(existsSync(path.join(UPLOADS, big.id, 'contacts.csv'))).toBe(false);
		expect((await api.status(big.id)).body.files).toEqual([]);
		await api.call('DELETE', `/api/data/uploads/${big.id}`);

		expect((await (await request.get('/api/health')).json()).tables).toEqual(health.tables);
		expectSameFigures(await (await request.get('/api/summary')).json(), summary);
	});

	test('in the browser: a customers file of mixed encodings loads with a note naming it and the lines; the sample’s file goes back', async ({ page, request, baseURL }) => {
		const summary = await (await request.get('/api/summary')).json();
		const original = readFileSync(path.join(SAMPLE, 'customers.csv'));
		// lines 3 and 5 rewritten: a Windows-1252 name (’ and ü) and a UTF-8 one
		const lines = original.toString('utf8').split('\n');
		const cells = (i: number) => lines[i - 1].split(',');
		const l3 = cells(3);
		const l5 = cells(5);
		const mixed = Buffer.concat(
			lines.map((line, i) => {
				const n = i + 1;
				const eol = n < lines.length ? '\n' : '';
				if (n === 3) return Buffer.from([l3[0], 'O\x92Neill M\xfcller GmbH', ...l3.slice(2)].join(',') + eol, 'latin1');
				if (n === 5) return Buffer.from([l5[0], 'Łódź Trading Sp. z o.o.', ...l5.slice(2)].join(',') + eol, 'utf8');
				return Buffer.from(line + eol, 'utf8');
			})
		);
		const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-mixed-'));
		try {
			writeFileSync(path.join(dir, 'customers.csv'), mixed);
			await page.goto('/data');
			await page.getByLabel('Choose files to upload').setInputFiles([path.join(dir, 'customers.csv')]);
			await page.getByRole('button', { name: 'Upload and load 1 file' }).click();
			const result = page.getByRole('region', { name: 'Load result' });
			await expect(result.getByRole('status')).toContainText('Loaded 1 table', { timeout: 60_000 });
			const row = result.getByRole('row').filter({ hasText: 'customers.csv' });
			await expect(row).toContainText('1 line not valid UTF-8 (line 3) was read as Windows-1252 (Western European); the rest as UTF-8');
			await expect(row).toContainText((lines.filter((l) => l).length - 1).toLocaleString('en-US'));
			// the names, as the customer page shows them
			await page.goto(`/customers/${encodeURIComponent(l3[0])}`);
			await expect(page.locator('h1').first()).toContainText('O’Neill Müller GmbH');
			await page.goto(`/customers/${encodeURIComponent(l5[0])}`);
			await expect(page.locator('h1').first()).toContainText('Łódź Trading Sp. z o.o.');
		} finally {
			// the sample's own customers.csv back, through the same API
			const api = uploadClient(baseURL!);
			const s = await api.start();
			await api.sendFile(s.id, path.join(SAMPLE, 'customers.csv'), s.chunk_bytes);
			expect((await api.load(s.id)).status).toBe(202);
			expect((await api.wait(s.id, undefined, 100)).state).toBe('done');
			rmSync(dir, { recursive: true, force: true });
		}
		expectSameFigures(await (await request.get('/api/summary')).json(), summary);
	});
});

// ---------------------------------------------------------------------------------------------------
// A server of its own, killed with SIGKILL during an upload and restarted on the same database

const OWN_PORT = Number(process.env.E2E_PORT || 4317) + 2;
const BASE = `http://127.0.0.1:${OWN_PORT}`;

test.describe.serial('a server restart during an upload loses nothing loaded before it', () => {
	let tmp = '';
	let db = '';
	let uploads = '';
	let server: ChildProcess | null = null;
	let log = '';
	let before: { summary: unknown; tables: Record<string, number> };

	async function startServer() {
		log = '';
		server = spawn(process.execPath, ['build/index.js'], {
			env: { ...process.env, LEDGER_DB: db, LEDGER_UPLOAD_DIR: uploads, HOST: '127.0.0.1', PORT: String(OWN_PORT) },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		server.stdout!.on('data', (d) => (log += d));
		server.stderr!.on('data', (d) => (log += d));
		for (let i = 0; i < 150; i++) {
			try {
				if ((await fetch(`${BASE}/api/health`)).status === 200) return;
			} catch {
				/* not up yet */
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error(`the server did not start:\n${log}`);
	}

	async function killServer() {
		const s = server!;
		if (s.exitCode === null && s.signalCode === null) {
			const exited = new Promise((r) => s.once('exit', r));
			s.kill('SIGKILL');
			await exited;
		}
		server = null;
	}

	async function state() {
		const health = await (await fetch(`${BASE}/api/health`)).json();
		return { summary: await (await fetch(`${BASE}/api/summary`)).json(), tables: health.tables as Record<string, number> };
	}

	async function expectBefore() {
		const now = await state();
		expect(now.tables).toEqual(before.tables);
		expectSameFigures(now.summary, before.summary);
	}

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		tmp = mkdtempSync(path.join(os.tmpdir(), 'ledger-restart-e2e-'));
		db = path.join(tmp, 'ledger.duckdb');
		uploads = path.join(tmp, 'uploads');
		// the data loaded before: a small sample of its own (the upload is the e2e sample, ten times larger)
		const env = { ...process.env, LEDGER_DB: db };
		for (const args of [
			['scripts/sample.ts', '--out', path.join(tmp, 'a'), '--seed', '7', '--scale', '20000', '--quiet'],
			['scripts/ingest.ts', path.join(tmp, 'a')]
		]) {
			const r = spawnSync(process.execPath, [TSX, ...args], { env, encoding: 'utf8' });
			expect(r.status, r.stderr + r.stdout).toBe(0);
		}
		await startServer();
		before = await state();
		expect(before.tables.order_lines).toBeGreaterThan(10_000);
	});

	test.afterAll(async () => {
		if (server) await killServer();
		if (tmp) rmSync(tmp, { recursive: true, force: true });
	});

	test('killed while the chunks arrive: the data is intact, the upload says what happened, its files are gone', async () => {
		const api = uploadClient(BASE);
		const s = await api.start();
		await api.sendFile(s.id, path.join(SAMPLE, 'customers.csv'), s.chunk_bytes);
		expect(await api.sendFile(s.id, path.join(SAMPLE, 'order_lines.csv'), s.chunk_bytes, 3)).toBe(3);
		expect(readdirSync(path.join(uploads, s.id)).sort()).toEqual(['.session.json', 'customers.csv', 'order_lines.csv']);
		await killServer();

		await startServer();
		await expectBefore();
		const st = await api.status(s.id);
		expect(st).toEqual({
			status: 410,
			body: { error: 'The server restarted while this upload was being sent: nothing of it was loaded, its files are deleted and every table is as it was. Upload the files again.' }
		});
		expect(existsSync(path.join(uploads, s.id))).toBe(false);
		expect(log).toContain('uploads: cleaned up 1 upload a restart cut short (uploading)');
	});

	test('killed while the load runs: the database opens with the data from before, the stage is dropped, the upload says what happened', async () => {
		test.setTimeout(120_000);
		const api = uploadClient(BASE);
		const s = await api.start();
		const files = readdirSync(SAMPLE).filter((f) => TABLE_FILE.test(f));
		expect(files).toHaveLength(6);
		for (const f of files) await api.sendFile(s.id, path.join(SAMPLE, f), s.chunk_bytes);
		expect((await api.load(s.id)).status).toBe(202);
		// kill while order_lines (300k lines) is being read or checked: mid-load, before the swap
		const seen = await api.wait(s.id, (x) => {
			const p = x.progress as { table: string | null; phase: string } | null;
			return p?.table === 'order_lines' && (p.phase === 'reading' || p.phase === 'validating');
		}, 20);
		expect(seen.state).toBe('loading');
		await killServer();
		// the tables staged before the kill are in the file (they hold no committed data)
		expect(await stages()).toEqual(['__ingest_stage_customers', '__ingest_stage_products']);

		await startServer();
		await expectBefore();
		const st = await api.status(s.id);
		expect(st.status).toBe(410);
		expect(st.body.error).toMatch(/^The server restarted while this upload was loading\. A load is one transaction/);
		expect(existsSync(path.join(uploads, s.id))).toBe(false);
		expect(log).toContain('uploads: cleaned up 1 upload a restart cut short (loading)');
		// the restart dropped them
		await killServer();
		expect(await stages()).toEqual([]);

		// loads work again afterwards: the small sample's customers, i.e. the data from before
		await startServer();
		const again = await api.start();
		await api.sendFile(again.id, path.join(tmp, 'a', 'customers.csv'), again.chunk_bytes);
		expect((await api.load(again.id)).status).toBe(202);
		expect((await api.wait(again.id, undefined, 50)).state).toBe('done');
		await expectBefore();
	});

	test('in the browser: the page waits out the restart and then says what happened to the load', async ({ page }) => {
		test.setTimeout(120_000);
		await page.goto(`${BASE}/data`);
		const created = page.waitForResponse((r) => r.url() === `${BASE}/api/data/uploads` && r.request().method() === 'POST');
		const files = readdirSync(SAMPLE).filter((f) => TABLE_FILE.test(f));
		await page.getByLabel('Choose files to upload').setInputFiles(files.map((f) => path.join(SAMPLE, f)));
		await page.getByRole('button', { name: 'Upload and load 6 files' }).click();
		const { id } = await (await created).json();
		const seen = await uploadClient(BASE).wait(id, (x) => {
			const p = x.progress as { table: string | null; phase: string } | null;
			return p?.table === 'order_lines' && (p.phase === 'reading' || p.phase === 'validating');
		}, 20);
		expect(seen.state).toBe('loading');
		await killServer();
		await startServer();
		await expect(page.getByRole('alert').filter({ hasText: 'The server restarted while this upload was loading' })).toBeVisible({ timeout: 30_000 });
		await expect(page.getByRole('alert').filter({ hasText: 'Nothing was loaded' })).toHaveCount(0);
		await expectBefore();
	});

	/** Stage tables in the database file (the server must be stopped: one process holds the file). */
	async function stages(): Promise<string[]> {
		const inst = await DuckDBInstance.create(db);
		try {
			const c = await inst.connect();
			const r = (await c.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%ingest%' ORDER BY 1`)).getRows();
			c.closeSync();
			return r.map((x) => String(x[0]));
		} finally {
			inst.closeSync();
		}
	}
});
