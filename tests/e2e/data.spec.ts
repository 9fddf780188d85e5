import { expect, test } from '@playwright/test';
import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
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
