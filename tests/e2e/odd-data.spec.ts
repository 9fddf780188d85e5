/**
 * Issue 14, item 4: "never a 500 on data". A server of its own over a database loaded with what real
 * exports bring: order lines with no backorder source (no backorder column, no shipments, no ship
 * dates), month-first two-digit-year dates with times of day, null tokens, an ISO typo of the year 0014,
 * SKUs no products file names, no inventory snapshots, contacts and deals that are few or odd. Every
 * page and API answer is 200, and the ledger says what the data cannot support instead of claiming a
 * 100% fill rate.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestWithCli, startOwnServer, type OwnServer } from './own-server';

const PORT = Number(process.env.E2E_PORT || 4317) + 4;
const BASE = `http://127.0.0.1:${PORT}`;

test.describe.serial('a database loaded from exports that lack what the sample has', () => {
	let server: OwnServer;
	let tmp = '';
	let load = '';

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		tmp = mkdtempSync(path.join(os.tmpdir(), 'ledger-odd-'));
		const folder = path.join(tmp, 'exports');
		mkdirSync(folder);
		const lines = ['order_id,line_no,customer_id,sku,order_date,qty,unit_price'];
		for (let i = 1; i <= 120; i++) {
			const m = 1 + (i % 12);
			lines.push(`SO${1000 + i},1,C${1 + (i % 7)},SKU-${1 + (i % 5)},${m}/${1 + (i % 27)}/25 ${9 + (i % 8)}:05,${1 + (i % 4)},${(12.5 + i).toFixed(2)}`);
		}
		lines.push('SO9999,1,C1,SKU-1,0014-01-19,1,10'); // an ISO typo: rejected as implausible, the rest loads
		writeFileSync(path.join(folder, 'order_lines.csv'), lines.join('\n') + '\n');
		writeFileSync(path.join(folder, 'customers.csv'), 'customer_id,name,segment,region\nC1,Alpha,N/A,NULL\nC2,Beta,Key,-\nC3,Gamma,,\nC4,Delta,Core,West\n');
		writeFileSync(path.join(folder, 'contacts.csv'), 'contact_id,customer_id,contact_at,team,channel,reason\nK1,C1,3/4/25 10:00,service,Social media,where is my order\nK2,C9,3/5/25 11:00,sales,phone,pricing\n');
		writeFileSync(path.join(folder, 'opportunities.csv'), 'opportunity_id,customer_id,closed_date,amount,outcome,loss_reason\nP1,C1,3/31/25,0,lost,\nP2,C2,4/30/25,5000,won,\n');
		const db = path.join(tmp, 'ledger.duckdb');
		load = ingestWithCli(db, folder).output;
		server = await startOwnServer({ db, port: PORT });
	});

	test.afterAll(async () => {
		await server?.stop();
		if (tmp) rmSync(tmp, { recursive: true, force: true });
	});

	test('the load says what it read and what it refused', () => {
		expect(load).toMatch(/order_lines\.csv\s+121\s+120\s+1/);
		expect(load).toMatch(/order_date: dates read as month first \(\d+\/\d+\/25 \d+:05\), detected from 121 values/);
		expect(load).toMatch(/implausible date/);
	});

	test('every page and API answer is 200, with no error notice', async ({ page, request }) => {
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		for (const p of ['/', '/drivers', '/customers', '/customers/C1', '/capital', '/data', '/assumptions', '/methodology', '/present', '/drivers?dim=sku&pick=sku:SKU-1']) {
			const res = await page.goto(`${BASE}${p}`);
			expect(res?.status(), p).toBe(200);
			await expect(page.locator('[role="alert"]'), p).toHaveCount(0);
		}
		expect(errors).toEqual([]);
		for (const u of ['/api/summary', '/api/health', '/api/breakdown?dim=supplier', '/api/drill?kind=lines&m=customer:C1', '/ledger.pdf', '/customers/at-risk.csv', '/export/breakdown.csv?dim=sku']) {
			expect((await request.get(`${BASE}${u}`)).status(), u).toBe(200);
		}
	});

	test('the ledger says the data holds no backorder source instead of a 100% fill rate', async ({ page, request }) => {
		const s = await (await request.get(`${BASE}/api/summary`)).json();
		expect(s.backorder_source).toMatchObject({ kind: 'none', none: s.orders.lines });
		expect(s.orders.line_fill_rate).toBeNull();
		expect(s.data_notes[0]).toMatch(/^No backorder source/);
		expect(s.data_notes).toContain('1 lost or not-bid deal has no amount, so it adds nothing to the value lost.');
		await page.goto(`${BASE}/`);
		const story = page.getByRole('region', { name: 'Summary' });
		await expect(story).toContainText('carry no backorder source');
		await expect(story).not.toContainText('no order line was backordered');
		await expect(page.getByRole('list', { name: 'About the data' })).toContainText('No backorder source');
		await page.goto(`${BASE}/capital`);
		await expect(page.getByRole('list', { name: 'About the data' })).toContainText('No backorder source');
	});
});
