/**
 * Issue 10, in the browser: the pages' Content-Security-Policy and security headers, hostile URL
 * parameters, hostile text in every field of a load, and access control with LEDGER_TOKEN set.
 * The first part runs against the shared e2e server (no token). The second spawns its own built server
 * on 127.0.0.1 over a temp database loaded with a hostile fixture, with an editor and a viewer token.
 */
import { expect, test, type Page } from '@playwright/test';
import { ingestWithCli, startOwnServer, type OwnServer } from './own-server';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { difference, formatLoad, runLoad, summaryFigures } from '../../scripts/load-test';

const XSS_SCRIPT = '<script>window.__xss=1;alert(1)</script>';
const XSS_IMG = '<img src=x onerror="window.__xss=2;alert(2)">';
const SQL = "' OR 1=1; DROP TABLE customers; --";
const FORMULA = '=HYPERLINK("http://evil.example","click")';
const HOSTILE = [XSS_SCRIPT, XSS_IMG, SQL, FORMULA, '+1+2', '@SUM(A1)', '-2+3'];

/** Fails the test if any script of ours did not come from the page: a dialog or the marker global. */
function watch(page: Page): { dialogs: string[]; csp: string[]; errors: string[] } {
	const seen = { dialogs: [] as string[], csp: [] as string[], errors: [] as string[] };
	page.on('dialog', (d) => {
		seen.dialogs.push(d.message());
		void d.dismiss();
	});
	page.on('pageerror', (e) => seen.errors.push(e.message));
	page.on('console', (m) => {
		if (/Content.Security.Policy/i.test(m.text())) seen.csp.push(m.text());
	});
	return seen;
}

async function notExecuted(page: Page, seen: ReturnType<typeof watch>) {
	expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
	expect(seen.dialogs).toEqual([]);
}

const PAGES = ['/', '/drivers', '/customers', '/capital', '/data', '/assumptions', '/methodology', '/present', '/compare?vs=default'];

test.describe('on the shared server (no token)', () => {
	test('every page sends a strict CSP and the security headers, and runs under it without a violation', async ({ page }) => {
		const seen = watch(page);
		for (const p of PAGES) {
			const res = await page.goto(p);
			expect(res?.status(), p).toBe(200);
			const h = res!.headers();
			const csp = h['content-security-policy'] ?? '';
			expect(csp, p).toContain("default-src 'self'");
			expect(csp, p).toContain("frame-ancestors 'none'");
			expect(csp, p).toContain("connect-src 'self'");
			expect(csp, p).toContain("img-src 'self' data: blob:");
			const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
			expect(scriptSrc, p).toMatch(/'self'/);
			expect(scriptSrc, p).toMatch(/'(nonce|sha256)-/);
			expect(scriptSrc, p).not.toContain('unsafe-inline');
			expect(h['x-content-type-options'], p).toBe('nosniff');
			expect(h['x-frame-options'], p).toBe('DENY');
			expect(h['referrer-policy'], p).toBe('same-origin');
			await expect(page.locator('h1, [role="region"]').first()).toBeVisible();
			// the theme script is a file the CSP allows: it ran before first paint
			expect(await page.locator('html').getAttribute('data-theme'), p).toMatch(/^(light|dark)$/);
		}
		// charts (inline styles) drew under the policy
		await page.goto('/');
		await expect(page.getByRole('figure', { name: 'Backorder cost waterfall' }).locator('svg').first()).toBeVisible();
		expect(seen.csp).toEqual([]);
		expect(seen.errors).toEqual([]);
	});

	test('API answers carry nosniff and a no-content CSP', async ({ request }) => {
		const res = await request.get('/api/summary');
		expect(res.status()).toBe(200);
		expect(res.headers()['x-content-type-options']).toBe('nosniff');
		expect(res.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
	});

	test('hostile URL parameters are treated as values: shown as text, never run, never SQL', async ({ page, request }) => {
		const seen = watch(page);
		const enc = encodeURIComponent;
		const urls = [
			`/?segment=${enc(XSS_SCRIPT)}`,
			`/?region=${enc(SQL)}&from=${enc("2024-01-01' --")}`,
			`/drivers?segment=${enc(XSS_IMG)}&dim=${enc(XSS_SCRIPT)}`,
			`/drivers?supplier=${enc(SQL)}&category=${enc(FORMULA)}`,
			`/customers?segment=${enc(SQL)}&q=${enc(XSS_SCRIPT)}&sales_rep=${enc(XSS_IMG)}`,
			`/customers/${enc(XSS_SCRIPT)}`,
			`/customers/${enc(SQL)}`,
			`/capital?segment=${enc(XSS_IMG)}&target=${enc(XSS_SCRIPT)}`,
			`/present?segment=${enc(XSS_SCRIPT)}`,
			`/data?x=${enc(XSS_SCRIPT)}`
		];
		for (const u of urls) {
			const res = await page.goto(u);
			expect(res?.status(), u).toBeLessThan(500);
			await expect(page.locator('h1, [role="region"]').first()).toBeVisible();
			await notExecuted(page, seen);
		}
		// the unknown customer's id is echoed as text on the 404 page, if at all
		await page.goto(`/customers/${enc(XSS_SCRIPT)}`);
		expect(await page.locator('main img[src="x"]').count()).toBe(0);
		expect(seen.errors).toEqual([]);

		// the API: a bad value is a value (matches nothing) or a 400 with a message, never a 500
		const everything = await (await request.get('/api/summary')).json();
		for (const q of [`segment=${enc(SQL)}`, `region=${enc(XSS_SCRIPT)}`, `customer=${enc("x' OR '1'='1")}`]) {
			const res = await request.get(`/api/summary?${q}`);
			expect([200, 400], q).toContain(res.status());
			const body = await res.json();
			if (res.status() === 200) expect(body.orders.lines, q).toBe(0);
			else expect(typeof body.error).toBe('string');
		}
		for (const u of [
			`/api/summary?from=${enc("2024-01-01' OR 1=1 --")}`,
			`/api/breakdown?dim=${enc('segment; DROP TABLE customers')}`,
			`/api/drill?kind=${enc(SQL)}`
		]) {
			const res = await request.get(u);
			expect(res.status(), u).toBe(400);
			expect(typeof (await res.json()).error).toBe('string');
		}
		const search = await request.get(`/api/drill?kind=contacts&q=${enc(SQL)}`);
		expect(search.status()).toBe(200);
		// nothing was dropped
		expect((await (await request.get('/api/summary')).json()).orders.lines).toBe(everything.orders.lines);
	});
});

const SAMPLE = path.join(path.resolve(process.env.E2E_DATA || 'test-results/e2e-data'), 'sample');

test('50 concurrent clients browsing pages and the API while the sample is uploaded and loaded: no errors, reads from the last good data (short form; LOAD_TEST_SECONDS=60 for a minute)', async ({ baseURL }, info) => {
	const seconds = Math.min(600, Number(process.env.LOAD_TEST_SECONDS) || 12);
	test.setTimeout((seconds + 240) * 1000); // warm-up, then requests still running at the end may take up to 60 s
	const before = await (await fetch(new URL('/api/summary', baseURL))).json();
	// the folder the shared server loaded at start: every load of it gives the same figures
	const r = await runLoad({ url: baseURL!, clients: 50, seconds, upload: { folder: SAMPLE, repeat: seconds > 30, startAfterMs: 500 } });
	const report = formatLoad(r, { clients: 50, seconds });
	console.log(report);
	await info.attach('load-test', { body: report, contentType: 'text/plain' });
	expect(r.failures).toEqual([]);
	expect(r.errors).toBe(0);
	expect(r.requests).toBeGreaterThan(50);
	// every path was exercised and answered (2xx/3xx/4xx only)
	for (const p of r.byPath) expect(p.requests, p.path).toBeGreaterThan(0);
	// the upload went through while the clients browsed, and their requests answered without errors
	expect(r.uploadFailures).toEqual([]);
	expect(r.uploads!.length).toBeGreaterThanOrEqual(1);
	for (const u of r.uploads!) expect([u.state, u.error, u.files]).toEqual(['done', null, 6]);
	expect(r.duringUpload!.requests).toBeGreaterThan(50);
	expect(r.duringUpload!.errors).toBe(0);
	// every /api/summary answer, before, during and after the loads, gave the figures from before
	expect(r.summary!.reads).toBeGreaterThan(10);
	expect(r.summary!.firstDifference).toBeNull();
	expect(r.summary!.differing).toBe(0);
	const after = await fetch(new URL('/api/summary', baseURL));
	expect(after.status).toBe(200);
	expect(difference(summaryFigures(before), summaryFigures(await after.json()))).toBeNull();
});

// ---------------------------------------------------------------------------------------------------
// Own server: hostile data + LEDGER_TOKEN / LEDGER_VIEWER_TOKEN

const OWN_PORT = Number(process.env.E2E_PORT || 4317) + 1;
const BASE = `http://127.0.0.1:${OWN_PORT}`;
const EDITOR = 'e2e-editor-token-3f9a1c';
const VIEWER = 'e2e-viewer-token-7b2d4e';

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

/** One customer per hostile string; every text column of every table carries one. */
function hostileFolder(dir: string): void {
	const h = (i: number) => HOSTILE[i % HOSTILE.length];
	const customers = [['customer_id', 'name', 'segment', 'region', 'industry', 'sales_rep', 'annual_wallet']];
	const products = [['sku', 'description', 'category', 'supplier', 'unit_cost', 'lead_time_days']];
	const lines = [['order_id', 'line_no', 'customer_id', 'sku', 'order_date', 'promised_date', 'ship_date', 'qty', 'unit_price', 'qty_backordered', 'backorder_filled_date', 'qty_cancelled']];
	const contacts = [['contact_id', 'customer_id', 'contact_at', 'team', 'channel', 'reason', 'note', 'order_id', 'minutes', 'escalated', 'csat']];
	const opps = [['opportunity_id', 'customer_id', 'created_date', 'closed_date', 'amount', 'outcome', 'loss_reason', 'competitor', 'note']];
	const snaps = [['snapshot_date', 'sku', 'on_hand_qty', 'unit_cost']];
	HOSTILE.forEach((text, i) => {
		const id = `H${i + 1}`;
		customers.push([id, text, h(i + 1), h(i + 2), h(i + 3), h(i + 4), '100000']);
		products.push([`S${i + 1}`, text, h(i + 1), h(i + 2), '2.5', '14']);
		for (let m = 1; m <= 6; m++) {
			const d = `2024-0${m}-1${i % 9}`;
			lines.push([`O${i}-${m}`, '1', id, `S${i + 1}`, d, d, d, '10', '5', m >= 4 ? '4' : '', m >= 4 ? `2024-0${m}-28` : '', m === 6 ? '1' : '']);
			snaps.push([`2024-0${m}-28`, `S${i + 1}`, String(100 - m * 10), '2.5']);
		}
		contacts.push([`K${i}`, id, `2024-05-1${i % 9} 10:00:00`, 'Service', 'Phone', `backorder ${text}`, `Where is my backorder? ${text}`, `O${i}-5`, '12', 'yes', '2']);
		opps.push([`P${i}`, id, '2024-03-01', '2024-05-20', '5000', 'lost', 'availability', text, text]);
	});
	// a rejected row whose offending value is hostile: /data shows it as the example value
	lines.push(['OX', '1', 'H1', 'S1', '2024-03-03', '', '', XSS_IMG, '5', '', '', '']);
	writeFileSync(path.join(dir, 'customers.csv'), csv(customers));
	writeFileSync(path.join(dir, 'products.csv'), csv(products));
	writeFileSync(path.join(dir, 'order_lines.csv'), csv(lines));
	writeFileSync(path.join(dir, 'contacts.csv'), csv(contacts));
	writeFileSync(path.join(dir, 'opportunities.csv'), csv(opps));
	writeFileSync(path.join(dir, 'inventory_snapshots.csv'), csv(snaps));
}

test.describe.serial('own server with hostile data and LEDGER_TOKEN set', () => {
	let server: OwnServer;
	let tmp = '';

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		tmp = mkdtempSync(path.join(os.tmpdir(), 'ledger-sec-'));
		const folder = path.join(tmp, 'hostile');
		mkdirSync(folder);
		hostileFolder(folder);
		const db = path.join(tmp, 'ledger.duckdb');
		const load = ingestWithCli(db, folder);
		expect(load.status, load.output).toBe(0);
		server = await startOwnServer({ db, port: OWN_PORT, env: { LEDGER_TOKEN: EDITOR, LEDGER_VIEWER_TOKEN: VIEWER }, readyPath: '/signin' });
	});

	test.afterAll(async () => {
		await server?.stop();
		if (tmp) rmSync(tmp, { recursive: true, force: true });
	});

	test('the server listens on loopback only', async () => {
		const external = Object.values(os.networkInterfaces())
			.flat()
			.find((a) => a && a.family === 'IPv4' && !a.internal);
		test.skip(!external, 'no non-loopback interface to try');
		await expect(fetch(`http://${external!.address}:${OWN_PORT}/signin`, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
	});

	test('without a session, pages redirect to /signin and the API answers 401 JSON', async ({ request }) => {
		const page = await request.get(`${BASE}/customers?segment=Key`, { maxRedirects: 0, headers: { accept: 'text/html' } });
		expect(page.status()).toBe(303);
		expect(page.headers()['location']).toBe('/signin?next=%2Fcustomers%3Fsegment%3DKey');
		for (const u of ['/api/summary', '/api/health', '/customers/at-risk.csv', '/export/drill.csv?kind=lines']) {
			const res = await request.get(`${BASE}${u}`, { maxRedirects: 0, headers: { accept: '*/*' } });
			expect(res.status(), u).toBe(401);
			expect((await res.json()).error, u).toMatch(/sign in/);
		}
		const write = await request.put(`${BASE}/api/assumptions`, { data: { values: { escalation_cost: 1 } } });
		expect(write.status()).toBe(401);
	});

	test('API clients use the bearer header: viewers read, editors change', async ({ request }) => {
		const viewer = { authorization: `Bearer ${VIEWER}` };
		const editor = { authorization: `Bearer ${EDITOR}` };
		const health = await request.get(`${BASE}/api/health`, { headers: viewer });
		expect(health.status()).toBe(200);
		// every hostile value was stored as text; the SQL in them ran nowhere
		expect((await health.json()).tables).toMatchObject({ customers: HOSTILE.length, products: HOSTILE.length, contacts: HOSTILE.length });
		expect((await request.get(`${BASE}/api/summary`, { headers: viewer })).status()).toBe(200);
		const edit = { values: { escalation_cost: 41 } };
		const denied = await request.put(`${BASE}/api/assumptions`, { headers: viewer, data: edit });
		expect(denied.status()).toBe(403);
		expect((await denied.json()).error).toMatch(/editor/);
		expect((await request.post(`${BASE}/api/assumptions/reset`, { headers: viewer, data: {} })).status()).toBe(403);
		const ok = await request.put(`${BASE}/api/assumptions`, { headers: editor, data: edit });
		expect(ok.status()).toBe(200);
		expect((await ok.json()).values.escalation_cost).toBe(41);
		expect((await request.post(`${BASE}/api/assumptions/reset`, { headers: editor, data: {} })).status()).toBe(200);
	});

	test('a viewer signs in with the form, reads, cannot change, and signs out', async ({ page, context }) => {
		const seen = watch(page);
		await page.goto(`${BASE}/customers`);
		await expect(page).toHaveURL(`${BASE}/signin?next=%2Fcustomers`);
		// the sign-in page shows nothing of the data
		expect(await page.content()).not.toContain('H1');
		await page.getByLabel('Access token').fill('not-the-token');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toHaveText('That token is not valid.');
		await page.getByLabel('Access token').fill(VIEWER);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(`${BASE}/customers`);
		await expect(page.getByRole('heading', { name: 'Customer impact', level: 1 })).toBeVisible();
		const cookie = (await context.cookies(BASE)).find((c) => c.name === 'ledger_session');
		expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
		expect(cookie!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
		// the page's own fetch, with the cookie: reads work, changes are refused
		const status = await page.evaluate(async () => {
			const read = await fetch('/api/summary');
			const write = await fetch('/api/assumptions', {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ values: { escalation_cost: 42 } })
			});
			return [read.status, write.status];
		});
		expect(status).toEqual([200, 403]);
		// client-side navigation keeps working with the session
		await page.goto(`${BASE}/drivers`);
		await expect(page.locator('h1').first()).toBeVisible();
		// the top bar says who is signed in and leads to sign-out
		await expect(page.getByRole('banner')).toContainText('Viewer');
		await page.getByRole('link', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(`${BASE}/signout`);
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(`${BASE}/signin`);
		expect((await context.cookies(BASE)).find((c) => c.name === 'ledger_session')).toBeUndefined();
		await page.goto(`${BASE}/data`);
		await expect(page).toHaveURL(`${BASE}/signin?next=%2Fdata`);
		// the old session id is dead on the server too
		const dead = await page.request.get(`${BASE}/api/summary`, { headers: { cookie: `ledger_session=${cookie!.value}` } });
		expect(dead.status()).toBe(401);
		expect(seen.csp).toEqual([]);
	});

	test('hostile text in every field is stored and shown as text, never run; exports neutralise formulas', async ({ page }) => {
		const seen = watch(page);
		await page.goto(`${BASE}/signin?next=%2Fcustomers%2FH1`);
		await page.getByLabel('Access token').fill(EDITOR);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(`${BASE}/customers/H1`);
		// H1's name is the script tag: shown literally as the heading
		await expect(page.locator('h1').first()).toContainText(XSS_SCRIPT);
		await notExecuted(page, seen);
		for (let i = 0; i < HOSTILE.length; i++) {
			await page.goto(`${BASE}/customers/H${i + 1}`);
			await expect(page.locator('h1').first()).toContainText(HOSTILE[i]);
			await expect(page.getByText(`Where is my backorder? ${HOSTILE[i]}`).first()).toBeVisible();
		}
		await notExecuted(page, seen);
		for (const p of PAGES) {
			const res = await page.goto(`${BASE}${p}`);
			expect(res?.status(), p).toBe(200);
			await expect(page.locator('h1, [role="region"]').first()).toBeVisible();
			expect(await page.locator('img[src="x"]').count(), p).toBe(0);
			await notExecuted(page, seen);
		}
		// the rejected row's hostile value is shown on /data as text
		await page.goto(`${BASE}/data`);
		await expect(page.getByText(XSS_IMG).first()).toBeVisible();
		// the filter bar offers the hostile segments as plain options
		await page.goto(`${BASE}/drivers?segment=${encodeURIComponent(XSS_SCRIPT)}`);
		await expect(page.locator('h1').first()).toBeVisible();
		await notExecuted(page, seen);
		expect(seen.errors).toEqual([]);
		expect(seen.csp).toEqual([]);

		// exports, fetched with the session cookie
		const drill = await page.request.get(`${BASE}/export/drill.csv?kind=lines`);
		expect(drill.status()).toBe(200);
		const text = await drill.text();
		expect(text).toContain(`'=HYPERLINK`);
		expect(text).toContain(`'@SUM(A1)`);
		expect(text).toContain(XSS_SCRIPT); // text stays text: a CSV is not a document
		for (const line of text.split(/\r?\n/)) expect(line, line).not.toMatch(/(^|,)"?[=+@]/);
		const risk = await page.request.get(`${BASE}/customers/at-risk.csv`);
		expect(risk.status()).toBe(200);
		for (const line of (await risk.text()).split(/\r?\n/)) expect(line, line).not.toMatch(/(^|,)"?[=+@]/);
	});

	// last: it locks 127.0.0.1 out of sign-in for a minute
	test('failed sign-ins are rate-limited per address: 429 with Retry-After', async ({ request }) => {
		const attempt = (token: string) => request.post(`${BASE}/signin`, { data: { token, next: '/' }, headers: { origin: BASE } });
		let failures = 0;
		let res = await attempt('guess-0');
		while (res.status() === 401 && failures < 10) {
			failures++;
			res = await attempt(`guess-${failures}`);
		}
		expect(failures).toBeLessThanOrEqual(5);
		expect(res.status()).toBe(429);
		expect((await res.json()).error).toMatch(/Too many failed attempts/);
		const wait = Number(res.headers()['retry-after']);
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(60);
		// even the right token waits now, and so do bearer guesses
		expect((await attempt(EDITOR)).status()).toBe(429);
		expect((await request.get(`${BASE}/api/summary`, { headers: { authorization: 'Bearer guess' } })).status()).toBe(429);
	});
});
