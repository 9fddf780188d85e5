import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

test('the data page shows tables with date ranges and sources, and the keyword classification by reason', async ({ page, request }) => {
	const health = await (await request.get('/api/health')).json();
	await page.goto('/data');
	const tables = page.getByRole('region', { name: 'Tables' });
	const lines = tables.getByRole('row').filter({ has: page.getByText('order_lines', { exact: true }) });
	await expect(lines).toContainText(health.tables.order_lines.toLocaleString('en-US'));
	await expect(lines).toContainText(/\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}/);
	await expect(lines).toContainText('order_lines.csv');
	await expect(page.getByRole('region', { name: 'Data quality: rejected rows' })).toContainText('No rows were rejected');
	const contacts = page.getByRole('region', { name: 'Contacts', exact: true });
	await expect(contacts.getByTestId('contacts-classified')).toContainText(`of ${health.tables.contacts.toLocaleString('en-US')} classified as backorder-related`);
	await expect(contacts.getByRole('row').nth(1)).toBeVisible();
	const opps = page.getByRole('region', { name: 'Opportunities', exact: true });
	await expect(opps.getByTestId('opportunities-classified')).toContainText(`of ${health.tables.opportunities.toLocaleString('en-US')}`);
});

test('the rejects download answers CSV even when nothing was rejected', async ({ request }) => {
	const res = await request.get('/api/data/rejects');
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toContain('text/csv');
	expect((await res.text()).replace(/^\uFEFF/, '').trim()).toBe('table,file,line,column,value,rule');
});

/** The figures of /api/summary, without what legitimately differs between two identical loads. */
const figures = (s: Record<string, unknown>) => {
	const { scenario: _s, timings_ms: _t, ...rest } = s;
	return rest;
};

/** Deep equality with numbers equal to 1e-9 relative: DuckDB's parallel sums may differ in the last bits. */
function expectSameFigures(actual: unknown, expected: unknown, at = 'summary') {
	if (typeof expected === 'number' && typeof actual === 'number') {
		expect(Math.abs(actual - expected), at).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
	} else if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
		expect(Object.keys(actual).sort(), at).toEqual(Object.keys(expected).sort());
		for (const k of Object.keys(expected)) expectSameFigures((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${at}.${k}`);
	} else expect(actual, at).toEqual(expected);
}

const SAMPLE = path.join(path.resolve(process.env.E2E_DATA || 'test-results/e2e-data'), 'sample');

/** Every test here that changes data loads the same sample back, so the shared server's figures stay put. */
test.describe.configure({ mode: 'serial' });

test('uploading the sample’s CSVs in the browser gives the same figures as the CLI load', async ({ page, request }) => {
	test.setTimeout(180_000);
	const before = await (await request.get('/api/summary')).json();
	const health = await (await request.get('/api/health')).json();
	const files = readdirSync(SAMPLE)
		.filter((f) => f.endsWith('.csv'))
		.map((f) => path.join(SAMPLE, f));
	expect(files).toHaveLength(6);
	await page.goto('/data');
	await page.getByLabel('Choose files to upload').setInputFiles(files);
	const list = page.getByRole('table', { name: 'Files to upload' });
	await expect(list.getByRole('row')).toHaveCount(7);
	await expect(page.getByLabel('Table for order_lines.csv')).toHaveValue('order_lines');
	await page.getByRole('button', { name: 'Upload and load 6 files' }).click();
	await expect(page.getByLabel('Upload progress').or(page.getByLabel('Load progress')).first()).toBeVisible();
	const result = page.getByRole('region', { name: 'Load result' });
	await expect(result.getByRole('status')).toContainText('Loaded 6 tables', { timeout: 150_000 });
	await expect(result.getByRole('row').filter({ hasText: 'order_lines.csv' })).toContainText(health.tables.order_lines.toLocaleString('en-US'));
	const after = await (await request.get('/api/summary')).json();
	expectSameFigures(figures(after), figures(before));
	expect((await (await request.get('/api/health')).json()).tables).toEqual(health.tables);
	await expect(page.getByRole('region', { name: 'Tables' }).getByRole('row').filter({ hasText: 'order_lines' })).toContainText('order_lines.csv');
});

test('a broken file is refused with a clear message and nothing is lost', async ({ page, request }) => {
	const health = await (await request.get('/api/health')).json();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-broken-'));
	const broken = path.join(dir, 'order_lines.csv');
	writeFileSync(broken, 'this,is,not\nan,order,file\n');
	const binary = path.join(dir, 'contacts.csv');
	writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]));
	await page.goto('/data');
	await page.getByLabel('Choose files to upload').setInputFiles([broken]);
	await page.getByRole('button', { name: 'Upload and load 1 file' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Nothing was loaded' })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('list', { name: 'Refused files' })).toContainText('order_lines.csv');
	expect((await (await request.get('/api/health')).json()).tables).toEqual(health.tables);

	// a file whose content is not what its name says is refused as it arrives
	await page.getByRole('button', { name: 'Remove order_lines.csv' }).click();
	await page.getByLabel('Choose files to upload').setInputFiles([binary]);
	await page.getByRole('button', { name: 'Upload and load 1 file' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'not text' })).toBeVisible();
	expect((await (await request.get('/api/health')).json()).tables).toEqual(health.tables);
});

test('reset to the sample data asks first, then loads the same sample as npm start', async ({ page, request }) => {
	test.setTimeout(180_000);
	const before = await (await request.get('/api/summary')).json();
	await page.goto('/data');
	page.once('dialog', (d) => d.dismiss());
	await page.getByRole('button', { name: 'Reset to the sample data' }).click();
	await expect(page.getByLabel('Load progress')).toHaveCount(0);
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Reset to the sample data' }).click();
	await expect(page.getByRole('region', { name: 'Load result' }).getByRole('status')).toContainText('Loaded 6 tables', { timeout: 150_000 });
	expectSameFigures(figures(await (await request.get('/api/summary')).json()), figures(before));
});

const SAP = path.resolve('..', 'shared', 'samples', 'sap-epm');

test('the SAP EPM export maps (built-in mapping), previews and loads, saying what it cannot provide; then the sample comes back', async ({ page, request }) => {
	test.skip(!existsSync(SAP), `the SAP EPM sample is not at ${SAP}`);
	test.setTimeout(240_000);
	const before = await (await request.get('/api/summary')).json();
	await page.goto('/data');
	await page.getByLabel('Choose files to upload').setInputFiles(['SalesOrders.csv', 'SalesOrderItems.csv', 'Products.csv', 'BusinessPartners.csv'].map((f) => path.join(SAP, f)));
	await expect(page.getByLabel('Table for SalesOrders.csv')).toHaveValue('');
	await page.getByRole('button', { name: 'Upload and map 4 files' }).click();
	const editor = page.getByRole('region', { name: 'Column mapping' });
	const lines = editor.getByRole('article', { name: 'Mapping for order_lines' });
	await expect(lines).toContainText('SalesOrderItems.csv joined to SalesOrders.csv');
	await expect(lines.getByRole('note', { name: 'What order_lines cannot provide' })).toContainText('No backorder quantities');
	await expect(lines.getByLabel('order_lines.order_date date format')).toHaveValue('ymd8');
	await expect(editor.getByRole('article', { name: 'Mapping for products' })).toBeVisible();
	await expect(editor.getByRole('article', { name: 'Mapping for customers' })).toBeVisible();
	// the sample values of the mapped columns are shown
	await expect(lines.getByRole('row').filter({ hasText: 'sku' }).first()).toContainText('MZ-FG-R100');

	await editor.getByRole('button', { name: 'Preview' }).click();
	await expect(editor.getByTestId('preview-order_lines')).toContainText('Of the first 500 rows');
	await expect(editor.getByTestId('preview-customers')).toContainText('40 would load and 0 would be rejected');

	await editor.getByRole('button', { name: 'Load with these mappings' }).click();
	const result = page.getByRole('region', { name: 'Load result' });
	await expect(result.getByRole('status')).toContainText('Loaded 3 tables', { timeout: 120_000 });
	// how many load depends on the day: the synthetic sample runs to 2036, and dates over five years ahead are rejected
	const loaded = (await (await request.get('/api/health')).json()).tables.order_lines;
	expect(loaded).toBeGreaterThan(10_000);
	await expect(result.getByRole('row').filter({ hasText: 'SalesOrderItems.csv + SalesOrders.csv' })).toContainText(loaded.toLocaleString('en-US'));
	await expect(page.getByRole('region', { name: 'Tables' }).getByRole('row').filter({ hasText: 'order_lines' })).toContainText('2015-01-01');
	const sap = await (await request.get('/api/summary')).json();
	expect(sap.orders.lines).toBeGreaterThan(0);
	expect(sap.orders.backordered_lines).toBe(0);
	expect(sap.orders.backordered_value).toBe(0);
	expect(sap.cancellations.value).toBe(0);

	// put the sample back for the other tests
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Reset to the sample data' }).click();
	await expect(result.getByRole('status')).toContainText('Loaded 6 tables', { timeout: 150_000 });
	expectSameFigures(figures(await (await request.get('/api/summary')).json()), figures(before));
});
