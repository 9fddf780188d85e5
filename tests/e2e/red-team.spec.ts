/**
 * Issue 19 against a built server of its own, with LEDGER_TOKEN set: the red-team findings replayed
 * over HTTP. (1) No path shows data without sign-in — /signin/x rendered the root layout with every
 * customer name. (2) A column mapping cannot read a file outside its upload. (3) Compressed and
 * spreadsheet bombs are refused, and the server's peak resident memory (VmHWM, from /proc) stays under
 * a bound while they are: DuckDB runs with LEDGER_DUCKDB_MEMORY=512MB here, so the bound is 1.25 GB.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uploadClient } from '../../scripts/load-test';
import { ingestWithCli, startOwnServer, type OwnServer } from './own-server';
import { gzipBomb, repeated, workbookParts, writeZip } from '../../src/lib/server/ingest/bomb-fixtures';

const PORT = Number(process.env.E2E_PORT || 4317) + 3;
const BASE = `http://127.0.0.1:${PORT}`;
const EDITOR = 'e2e-red-team-editor-5c1e77';
const MARKER = 'Zanzibar Secret Holdings';
const MB = 1024 * 1024;
const PEAK_BOUND = 1.25 * 1024 * MB;

const csv = (rows: string[]) => rows.join('\n') + '\n';

test.describe.serial('issue 19 on a server with LEDGER_TOKEN set', () => {
	let server: OwnServer;
	let tmp = '';
	const auth = { authorization: `Bearer ${EDITOR}` };

	/** The server's peak resident memory so far, in bytes (Linux: VmHWM of /proc/<pid>/status). */
	const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.proc.pid}/status`, 'utf8'))![1]) * 1024;
	const health = async () => (await (await fetch(`${BASE}/api/health`, { headers: auth })).json()).tables as Record<string, number>;

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		tmp = mkdtempSync(path.join(os.tmpdir(), 'ledger-red-team-'));
		const folder = path.join(tmp, 'data');
		mkdirSync(folder);
		writeFileSync(path.join(folder, 'customers.csv'), csv(['customer_id,name,segment,region', `C1,${MARKER},Key,North`, 'C2,Plain Trading,Core,South']));
		writeFileSync(path.join(folder, 'products.csv'), csv(['sku,category,supplier,unit_cost', 'S1,Parts,Quiet Supplier,2']));
		writeFileSync(
			path.join(folder, 'order_lines.csv'),
			csv(['order_id,line_no,customer_id,sku,order_date,qty,unit_price,qty_backordered', 'O1,1,C1,S1,2026-01-05,10,5,2', 'O2,1,C2,S1,2026-02-05,4,5,0'])
		);
		const db = path.join(tmp, 'ledger.duckdb');
		const load = ingestWithCli(db, folder);
		expect(load.status, load.output).toBe(0);
		server = await startOwnServer({
			db,
			port: PORT,
			env: { LEDGER_TOKEN: EDITOR, LEDGER_DUCKDB_MEMORY: '512MB', LEDGER_MAX_DECOMPRESSED_MB: '256' },
			readyPath: '/signin'
		});
	});

	test.afterAll(async () => {
		await server?.stop();
		if (tmp) rmSync(tmp, { recursive: true, force: true });
	});

	test('(1) no URL shows data without sign-in: paths below /signin and /signout, error pages, data requests', async () => {
		// signed in, the layout carries the picked customer's name: so its absence below means something
		const signedIn = await (await fetch(`${BASE}/customers?customer=C1`, { headers: { ...auth, accept: 'text/html' } })).text();
		expect(signedIn).toContain(MARKER);
		for (const p of ['/signin/x', '/signout/x', '/signin/form.js/x', '/signin/', '/signin/__data.json', '/signout/x/__data.json', '/no-such-page', '/customers/C1/x', '/signin/x?next=/customers']) {
			for (const accept of ['text/html', '*/*', 'application/json']) {
				const res = await fetch(`${BASE}${p}`, { redirect: 'manual', headers: { accept } });
				const body = await res.text();
				// a redirect to sign in (308: kit drops a trailing slash first; a data request gets kit's JSON
				// redirect), a 401, or (kit's data request for a public path that has no page) an empty 404
				expect([200, 303, 308, 401, 404], `${p} (${accept})`).toContain(res.status);
				if (res.status === 404) expect(body, p).toBe('');
				if (res.status === 200) expect(JSON.parse(body), p).toEqual({ type: 'redirect', location: expect.stringMatching(/^\/signin\?next=/) });
				expect(body, `${p} (${accept})`).not.toContain(MARKER);
				expect(body, `${p} (${accept})`).not.toContain('customerNames');
				expect(body, `${p} (${accept})`).not.toContain('Quiet Supplier');
			}
		}
		// the public pages themselves hold no data either
		for (const p of ['/signin', '/signout', '/signin/form.js']) {
			const body = await (await fetch(`${BASE}${p}`, { redirect: 'manual' })).text();
			expect(body, p).not.toContain(MARKER);
		}
	});

	test('(2) a column mapping cannot read a file outside its upload: 400, nothing of the file in any answer', async () => {
		const api = uploadClient(BASE, EDITOR);
		const s = await api.start();
		const exp = Buffer.from('Customer,Name\nC7,Seven\n');
		expect((await api.put(s.id, 'export.csv', 0, exp.length, exp)).status).toBe(200);
		const before = await health();
		const mapping = (file: string) => ({ table: 'customers', file, columns: { customer_id: { kind: 'column', source: { column: 'root:x:0:0:root:/root:/bin/bash' } } } });
		for (const file of ['../../../../../../etc/passwd', '/etc/passwd', '../*/ledger.duckdb', '../../*', '.session.json']) {
			for (const route of ['preview', 'load']) {
				const a = await api.call('POST', `/api/data/uploads/${s.id}/${route}`, JSON.stringify({ mappings: [mapping(file)] }), { 'content-type': 'application/json' });
				expect(a.status, `${route} ${file}`).toBe(400);
				expect(a.body.error, `${route} ${file}`).toMatch(/is not in this upload/);
				expect(JSON.stringify(a.body)).not.toContain('/bin/bash');
				expect(JSON.stringify(a.body)).not.toContain(tmp);
			}
			const lookup = await api.call(
				'POST',
				`/api/data/uploads/${s.id}/preview`,
				JSON.stringify({ mappings: [{ ...mapping('export.csv'), lookup: { file, on: 'Customer', key: 'root' } }] }),
				{ 'content-type': 'application/json' }
			);
			expect(lookup.status).toBe(400);
		}
		expect(await health()).toEqual(before);
	});

	test('(3) gzip and spreadsheet bombs are refused by name; peak memory stays under 1.25 GB; loaded data unchanged', async () => {
		test.setTimeout(180_000);
		const api = uploadClient(BASE, EDITOR);
		const before = await health();
		const dir = path.join(tmp, 'bombs');
		mkdirSync(dir);
		const files = {
			zeros: path.join(dir, 'zeros', 'customers.csv.gz'), // 1 GB of zeros in 1 MB
			over: path.join(dir, 'over', 'customers.csv.gz'), // 300 MB of rows: past LEDGER_MAX_DECOMPRESSED_MB=256
			rows: path.join(dir, 'rows', 'customers.csv.gz'), // 5M repeated keys: every row but one rejected
			strings: path.join(dir, 'strings', 'customers.xlsx'), // 300 MB of shared strings in < 2 MB
			sneaky: path.join(dir, 'sneaky', 'customers.xlsx') // the same, its method not "deflate" (the second pass got 7 GB with it)
		};
		for (const f of Object.values(files)) mkdirSync(path.dirname(f));
		await gzipBomb(files.zeros, '', Buffer.alloc(MB), 1024);
		await gzipBomb(files.over, 'customer_id,name\n', repeated('C1,x\n', 200_000), 300);
		await gzipBomb(files.rows, 'customer_id,name\n', repeated('C1,x\n', 100_000), 50);
		writeZip(files.strings, workbookParts([['C1', 'x']], { extra: 5_000_000 }), { streamed: true });
		writeZip(files.sneaky, workbookParts([['C1', 'x']], { extra: 5_000_000 }), { methodFor: (n) => (n === 'xl/sharedStrings.xml' ? 1 : 8) });

		const expected: Record<keyof typeof files, RegExp> = {
			zeros: /^binary file, not a text CSV$/,
			over: /^decompressed, it is larger than 256 MB, the limit for one file \(LEDGER_MAX_DECOMPRESSED_MB\)$/,
			rows: /^4,999,999 of its 5,000,000 rows were rejected \(more than 50%\), so it is refused as a whole/,
			strings: /^its shared strings \(xl\/sharedStrings\.xml\) unzip to more than 128 MB, the limit \(LEDGER_MAX_XLSX_STRINGS_MB\)/,
			sneaky: /^its shared strings \(xl\/sharedStrings\.xml\) unzip to more than 128 MB, the limit \(LEDGER_MAX_XLSX_STRINGS_MB\)/
		};
		for (const [kind, file] of Object.entries(files) as [keyof typeof files, string][]) {
			const s = await api.start();
			await api.sendFile(s.id, file, s.chunk_bytes);
			expect((await api.load(s.id)).status, kind).toBe(202);
			const done = await api.wait(s.id);
			expect(done.state, kind).toBe('failed');
			const refused = (done.report as { refused: { file: string; reason: string }[] }).refused;
			expect(refused.map((r) => r.file), kind).toEqual([path.basename(file)]);
			expect(refused[0].reason, kind).toMatch(expected[kind]);
			console.log(`red team: after ${kind}, peak RSS ${Math.round(peakRss() / MB)} MB`);
			expect(peakRss(), `${kind}: peak RSS ${Math.round(peakRss() / MB)} MB`).toBeLessThan(PEAK_BOUND);
		}

		// the column mapping's glance at a bomb, three at once (it decompressed 1 GB each, in the request)
		const s = await api.start();
		const renamed = path.join(dir, 'export.csv.gz');
		writeFileSync(renamed, readFileSync(files.zeros));
		await api.sendFile(s.id, renamed, s.chunk_bytes);
		const inspects = await Promise.all([1, 2, 3].map(() => api.call('POST', `/api/data/uploads/${s.id}/inspect`, '{}', { 'content-type': 'application/json' })));
		for (const a of inspects) {
			expect(a.status).toBe(400);
			expect(a.body.error).toBe('export.csv.gz could not be read: binary file, not a text CSV');
		}
		expect(peakRss(), `peak RSS ${Math.round(peakRss() / MB)} MB`).toBeLessThan(PEAK_BOUND);
		expect(await health()).toEqual(before);
		console.log(`red team: server peak RSS ${Math.round(peakRss() / MB)} MB (bound ${PEAK_BOUND / MB} MB)`);
	});
});
