import { expect, test } from '@playwright/test';

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
