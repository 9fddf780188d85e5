import { expect, test } from '@playwright/test';

const PAGES = [
	['/', 'Ledger'],
	['/drivers', 'Cost drivers'],
	['/backorders', 'Fill queue'],
	['/customers', 'Customers'],
	['/capital', 'Working capital'],
	['/data', 'Data'],
	['/assumptions', 'Assumptions'],
	['/methodology', 'Methodology']
] as const;

test('every page of the navigation opens without an error', async ({ page }) => {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	for (const [path, label] of PAGES) {
		const res = await page.goto(path);
		expect(res?.status(), path).toBe(200);
		await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: label })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await expect(page.locator('h1').first()).toBeVisible();
	}
	expect(errors).toEqual([]);
});

test('the theme follows the system and can be toggled, and the choice survives a reload', async ({ browser }) => {
	const context = await browser.newContext({ colorScheme: 'dark' });
	const page = await context.newPage();
	await page.goto('/data');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await page.getByRole('button', { name: 'Switch to light theme' }).click();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
	expect(bg).toBe('rgb(246, 247, 249)');
	await context.close();
});

test('the filter bar writes only non-default choices to the URL and survives a reload', async ({ page }) => {
	await page.goto('/drivers');
	expect(new URL(page.url()).search).toBe('');
	const segment = page.getByLabel('Segment');
	const first = await segment.locator('option').nth(1).getAttribute('value');
	expect(first).toBeTruthy();
	await segment.selectOption(first!);
	await expect(page).toHaveURL(new RegExp(`\\?segment=${encodeURIComponent(first!).replace(/%20/g, '\\+')}$`));
	await page.reload();
	await expect(page.getByLabel('Segment')).toHaveValue(first!);
	await page.goBack();
	await expect(page).toHaveURL(/\/drivers$/);
	await expect(page.getByLabel('Segment')).toHaveValue('');
});

test('the data page shows what the sample load put in each table', async ({ page, request }) => {
	const health = await (await request.get('/api/health')).json();
	expect(health.ok).toBe(true);
	expect(health.tables.order_lines).toBeGreaterThan(100_000);
	await page.goto('/data');
	const row = page.getByRole('row').filter({ has: page.getByText('order_lines', { exact: true }) });
	await expect(row).toContainText(health.tables.order_lines.toLocaleString('en-US'));
	await expect(row).toContainText('order_lines.csv');
});
