import { expect, test } from '@playwright/test';

test('/backorders lists the open lines in the order /api/backorders sorts them, term by term', async ({ page, request }) => {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	const api = await (await request.get('/api/backorders?limit=5')).json();
	expect(api.total).toBeGreaterThan(0);
	await page.goto('/backorders');
	await expect(page.getByRole('heading', { level: 1, name: 'Fill queue' })).toBeVisible();
	const rows = page.getByTestId('open-lines').locator('tbody tr');
	await expect(rows).toHaveCount(Math.min(50, api.total));
	for (let i = 0; i < 5; i++) {
		const r = api.rows[i];
		await expect(rows.nth(i)).toContainText(`${r.order_id}/${r.line_no}`);
	}
	await expect(page.getByTestId('fill-rates')).toContainText('per line-week');
	await expect(page.getByRole('link', { name: 'How each term is measured' })).toHaveAttribute('href', '/methodology#fill-queue');
	// the queue of the costliest SKU, and its export
	await expect(page.getByTestId('queue-section').getByRole('heading', { level: 2 })).toContainText('Fill queue for ');
	await expect(page.getByTestId('fill-queue').locator('tbody tr').first()).toBeVisible();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV', exact: true }).click()]);
	expect(download.suggestedFilename()).toMatch(/^fill-queue-.*\.csv$/);
	// the counterfactual, in money
	await expect(page.getByTestId('fill-saving')).toContainText(/\$[\d,.]+/);
	expect(errors).toEqual([]);
});

test('a customer’s open lines: from the customer page, filtered, and 400 on a bad limit', async ({ page, request }) => {
	const api = await (await request.get('/api/backorders?limit=1')).json();
	const id = api.rows[0].customer_id as string;
	await page.goto(`/customers/${encodeURIComponent(id)}`);
	await page.getByTestId('customer-open-lines').click();
	await expect(page).toHaveURL(new RegExp(`/backorders\\?.*customer=${id}`));
	const own = await (await request.get(`/api/backorders?customer=${encodeURIComponent(id)}`)).json();
	await expect(page.getByTestId('open-lines').locator('tbody tr')).toHaveCount(Math.min(50, own.total));
	expect((await request.get('/api/backorders?limit=0')).status()).toBe(400);
});

test('the ledger carries the fill-priority counterfactual outside its total', async ({ page, request }) => {
	const s = await (await request.get('/api/summary')).json();
	expect(s.fill_priority.in_total).toBe(false);
	await page.goto('/');
	await expect(page.getByTestId('fill-priority-line')).toContainText('Outside the total');
	if (s.fill_priority.saving > 0) await expect(page.locator('.story')).toContainText('Filling by priority instead of order date would have saved');
});
