import { expect, test, type APIRequestContext } from '@playwright/test';
import { compactCurrency } from '../../src/lib/format';

/**
 * Issue 17: scenarios and periods side by side from the URL alone, scenarios renamed and deleted, and
 * present mode's hash. Each test leaves the shared server's scenarios as it found them.
 */
const NAME = 'e2e CFO 18pct';

async function cleanup(request: APIRequestContext) {
	await request.post('/api/assumptions/activate', { data: { name: 'default' } });
	for (const n of [NAME, 'e2e renamed']) await request.delete(`/api/assumptions/scenarios?name=${encodeURIComponent(n)}`);
}
test.beforeEach(async ({ request }) => cleanup(request));
test.afterEach(async ({ request }) => cleanup(request));

async function saveScenario(request: APIRequestContext) {
	// escalations and phone contacts four times as dear: a total that must differ from the default's
	const r = await request.post('/api/assumptions/scenarios', { data: { name: NAME, values: { escalation_cost: 100, channel_cost: { phone: 32 } } } });
	expect(r.status()).toBe(201);
}

test('?scenario= prices differently without changing the active scenario', async ({ page, request }) => {
	await saveScenario(request);
	const active = await (await request.get('/api/summary')).json();
	const under = await (await request.get(`/api/summary?scenario=${encodeURIComponent(NAME)}`)).json();
	expect(under.scenario.name).toBe(NAME);
	expect(under.total_backorder_cost).toBeGreaterThan(active.total_backorder_cost);
	const unknown = await request.get('/api/summary?scenario=nope');
	expect(unknown.status()).toBe(400);
	expect((await unknown.json()).error).toContain('no scenario named "nope"');

	await page.goto(`/?scenario=${encodeURIComponent(NAME)}`);
	const tiles = page.getByRole('region', { name: 'Headline figures' });
	await expect(tiles.getByRole('link', { name: /Total backorder cost/ })).toContainText(compactCurrency(under.total_backorder_cost));
	// links carry the scenario to the other pages
	await expect(page.getByRole('link', { name: 'Present' })).toHaveAttribute('href', `/present?scenario=${encodeURIComponent(NAME).replace(/%20/g, '+')}`);
	await page.goto('/assumptions');
	await expect(page.getByLabel('Active scenario')).toHaveValue('default');
	expect((await (await request.get('/api/summary')).json()).total_backorder_cost).toBe(active.total_backorder_cost);

	const bad = await page.goto('/drivers?scenario=nope');
	expect(bad?.status()).toBe(400);
	await expect(page.getByText(/no scenario named "nope"; saved scenarios: default/)).toBeVisible();
});

test('/compare shows two scenarios side by side with the difference and both curves', async ({ page, request }) => {
	await saveScenario(request);
	const a = await (await request.get(`/api/summary?scenario=${encodeURIComponent(NAME)}`)).json();
	const b = await (await request.get('/api/summary')).json();
	await page.goto(`/compare?scenario=${encodeURIComponent(NAME)}&vs=default`);
	const table = page.getByRole('table', { name: 'Ledger figures under two scenarios' });
	await expect(table.getByRole('columnheader')).toHaveText(['Figure', NAME, 'default', 'Difference']);
	const total = table.locator('tr[data-path="total_backorder_cost"] td');
	await expect(total).toHaveText([
		compactCurrency(a.total_backorder_cost),
		compactCurrency(b.total_backorder_cost),
		`+${compactCurrency(a.total_backorder_cost - b.total_backorder_cost)}`
	]);
	const chart = page.getByRole('figure', { name: 'Capital curves of two scenarios' });
	await expect(chart.locator('svg').first()).toBeVisible();
	await expect(chart.locator('figcaption')).toContainText(`${NAME}: today`);
	await expect(chart.locator('figcaption')).toContainText('default: today');
});

test('year over year from the URL: the ledger and the API compare with the same period last year', async ({ page, request }) => {
	const q = 'from=2026-01-01&to=2026-03-31&compare_from=2025-01-01&compare_to=2025-03-31';
	const r = await (await request.get(`/api/summary?${q}`)).json();
	const last = await (await request.get('/api/summary?from=2025-01-01&to=2025-03-31')).json();
	expect(r.compare.period).toMatchObject({ from: '2025-01-01', to: '2025-03-31' });
	expect(r.compare.total_backorder_cost).toBeCloseTo(last.total_backorder_cost, 6);
	expect(r.compare.deltas.total_backorder_cost).toBeCloseTo(r.total_backorder_cost - last.total_backorder_cost, 6);
	expect((await request.get('/api/summary?compare_from=2025-01-01')).status()).toBe(400);

	await page.goto(`/?${q}`);
	await expect(page.getByTestId('compared-with')).toHaveText('compared with 1 Jan – 31 Mar 2025');
	await expect(page.getByRole('region', { name: 'Headline figures' })).toContainText('vs same period last year');
	await expect(page.getByRole('region', { name: 'Summary' })).toContainText('Against the same period last year (1 Jan – 31 Mar 2025)');
	// the picker writes the comparison into the URL; the previous period is the default and leaves it clean
	await page.getByRole('combobox', { name: 'Compare with' }).selectOption('previous');
	await expect(page).toHaveURL(/\/\?from=2026-01-01&to=2026-03-31$/);
	await page.getByRole('combobox', { name: 'Compare with' }).selectOption('year');
	await expect(page).toHaveURL(/compare_from=2025-01-01&compare_to=2025-03-31/);

	// present mode compares with the same period, and says so on the trend slide
	await page.goto(`/present?${q}#3`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Against the same period last year (1 Jan – 31 Mar 2025)');
});

test('scenarios are renamed and deleted from /assumptions', async ({ page, request }) => {
	await saveScenario(request);
	await page.goto('/assumptions');
	const list = page.getByRole('table', { name: 'Saved scenarios' });
	await list.getByRole('button', { name: `Rename ${NAME}` }).click();
	await list.getByLabel(`New name for ${NAME}`).fill('e2e renamed');
	await list.getByRole('button', { name: 'Rename', exact: true }).click();
	await expect(page.getByRole('status')).toContainText(`Renamed “${NAME}” to “e2e renamed”.`);
	await expect(list).toContainText('e2e renamed');
	const names = (await (await request.get('/api/assumptions/scenarios')).json()).scenarios.map((s: { name: string }) => s.name);
	expect(names).toContain('e2e renamed');
	expect(names).not.toContain(NAME);
	// the history shows the values it was created with and the rename, old → new
	const history = page.getByRole('table', { name: 'Change history' });
	await expect(history.getByRole('row').filter({ hasText: 'escalation_cost' }).filter({ hasText: 'create' }).first()).toContainText('100');
	await expect(history.getByRole('row').filter({ hasText: 'rename' }).first()).toContainText('e2e renamed');

	page.once('dialog', (d) => d.accept());
	await list.getByRole('button', { name: 'Delete e2e renamed' }).click();
	await expect(page.getByRole('status')).toContainText('Deleted “e2e renamed”.');
	await expect(list).not.toContainText('e2e renamed');
	// the default and the active scenario offer no delete
	await expect(list.getByRole('button', { name: 'Delete default' })).toHaveCount(0);
});

test('present mode: the hash moves the deck both ways, and every slide names its scope', async ({ page }) => {
	await page.goto('/present?segment=Key#5');
	const slide = page.locator('[aria-roledescription="slide"]');
	await expect(slide).toHaveAttribute('aria-label', '5 of 5: Working capital');
	await expect(page.getByTestId('slide-meta')).toContainText('Segment: Key');
	await page.evaluate(() => (location.hash = '#1'));
	await expect(slide).toHaveAttribute('aria-label', '1 of 5: The headline');
	await page.keyboard.press('ArrowRight');
	await expect(page).toHaveURL(/#2$/);
	for (let i = 2; i <= 5; i++) {
		await expect(page.getByTestId('slide-meta')).toContainText('Segment: Key');
		await expect(page.getByTestId('slide-meta')).toContainText('assumptions default');
		if (i < 5) await page.keyboard.press('ArrowRight');
	}
});
