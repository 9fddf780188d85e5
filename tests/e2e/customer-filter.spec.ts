/**
 * Issue 17 item 5: the customer box searches every customer on the server (by id or name), and a
 * customer filter that names no customer says so on every page and in /api/summary.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve(process.env.E2E_DATA || 'test-results/e2e-data');

/** The sample's customers, from the file the server loaded. */
function customers(): { id: string; name: string }[] {
	const [head, ...lines] = readFileSync(path.join(dataDir, 'sample', 'customers.csv'), 'utf8').trim().split(/\r?\n/);
	const cols = head.split(',');
	const id = cols.indexOf('customer_id');
	const name = cols.indexOf('name');
	// sample names carry no commas or quotes
	return lines.map((l) => l.split(',')).map((c) => ({ id: c[id], name: c[name] }));
}

test('the customer box finds any customer by part of its name and filters to it', async ({ page, request }) => {
	const all = customers();
	expect(all.length).toBeGreaterThan(2000);
	// the last customer by name: beyond the 2,000 names the layout used to ship
	const target = [...all].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).at(-1)!;
	const api = await (await request.get(`/api/customers/search?q=${encodeURIComponent(target.name.toUpperCase())}&limit=5`)).json();
	expect(api.customers.map((c: { customer_id: string }) => c.customer_id)).toContain(target.id);

	await page.goto('/');
	const box = page.getByRole('combobox', { name: /Customer/ });
	await box.fill(target.name.slice(0, -1).toLowerCase());
	const list = page.getByRole('listbox', { name: 'Customers' });
	const option = list.getByRole('option', { name: new RegExp(`\\(${target.id}\\)`) });
	await expect(option).toBeVisible();
	// keyboard: down to the option, Enter picks it
	const options = list.getByRole('option');
	const index = (await options.allTextContents()).findIndex((t) => t.includes(`(${target.id})`));
	for (let i = 0; i <= index; i++) await box.press('ArrowDown');
	await box.press('Enter');
	await expect(page).toHaveURL(new RegExp(`customer=${target.id}`));
	await expect(box).toHaveValue(target.id);
	await expect(page.locator('label[for="filter-customer"]')).toContainText(target.name);
	await expect(page.getByTestId('no-such-customer')).toHaveCount(0);

	// an exact id typed and entered applies directly, and matches case-insensitively in the list
	await box.fill(all[0].id.toLowerCase());
	await expect(list.getByRole('option').first()).toContainText(`(${all[0].id})`);
	await box.press('Enter');
	await expect(page).toHaveURL(new RegExp(`customer=${all[0].id}(&|$)`));
});

test('an unknown customer gives "No such customer" on every page and a 400 from /api/summary', async ({ page, request }) => {
	const id = 'Nobody Such Ltd';
	const q = `customer=${encodeURIComponent(id)}`;
	for (const p of ['/', '/drivers', '/customers', '/capital', '/present']) {
		const res = await page.goto(`${p}?${q}`);
		expect(res?.status(), p).toBe(200);
		const notice = page.getByTestId('no-such-customer');
		await expect(notice, p).toBeVisible();
		await expect(notice.getByRole('heading', { name: `No such customer: ${id}` })).toBeVisible();
		// no figures priced to $0 underneath, and no "nothing was backordered" claim
		await expect(page.getByText(/no order line was backordered/i)).toHaveCount(0);
		await expect(page.getByRole('region', { name: 'Headline figures' })).toHaveCount(0);
	}
	// the same pages show their figures for a real customer (the checks above can fail)
	const real = customers()[0].id;
	for (const p of ['/', '/capital']) {
		await page.goto(`${p}?customer=${real}`);
		await expect(page.getByRole('region', { name: 'Headline figures' }), p).toBeVisible();
		await expect(page.getByTestId('no-such-customer')).toHaveCount(0);
	}
	// the way out keeps the page and drops the filter
	await page.goto(`/drivers?segment=Core&${q}`);
	await page.getByRole('link', { name: 'clear the customer filter' }).click();
	await expect(page).toHaveURL(/\/drivers\?segment=Core$/);
	await expect(page.getByTestId('no-such-customer')).toHaveCount(0);

	const res = await request.get(`/api/summary?${q}`);
	expect(res.status()).toBe(400);
	expect(await res.json()).toEqual({ error: `No such customer: ${id}` });
	const search = await request.get('/api/customers/search?q=');
	expect(search.status()).toBe(400);
});
