import { expect, test } from '@playwright/test';
import { compactCurrency, ratio } from '../../src/lib/format';

test('the headline tiles equal /api/summary for the same filters', async ({ page, request }) => {
	for (const query of ['', '?segment=Strategic', '?from=2026-01-01&to=2026-06-30&region=North']) {
		const summary = await (await request.get(`/api/summary${query}`)).json();
		await page.goto(`/${query}`);
		const tiles = page.getByRole('region', { name: 'Headline figures' });
		await expect(tiles.getByRole('link', { name: /Total backorder cost/ })).toContainText(compactCurrency(summary.total_backorder_cost));
		await expect(tiles.getByRole('link', { name: /Holding savings/ })).toContainText(compactCurrency(summary.holding.savings));
		await expect(tiles.getByRole('link', { name: /Net cost/ })).toContainText(compactCurrency(summary.net_cost));
		await expect(tiles.getByRole('link', { name: /Cost per \$1 saved/ })).toContainText(
			summary.cost_per_dollar_saved === null ? 'n/a' : ratio(summary.cost_per_dollar_saved)
		);
		// tiles link to the pages that explain them, carrying the filters
		if (query) await expect(tiles.getByRole('link', { name: /Total backorder cost/ })).toHaveAttribute('href', `/drivers${query}`);
	}
});

test('the narrative states the figures and the charts render with text alternatives', async ({ page, request }) => {
	const summary = await (await request.get('/api/summary')).json();
	await page.goto('/');
	const story = page.getByRole('region', { name: 'Summary' });
	await expect(story).toContainText(`backorders cost an estimated ${compactCurrency(summary.total_backorder_cost)}`);
	await expect(story.locator('p')).toHaveCount(5);
	for (const name of ['Backorder cost waterfall', 'Monthly backorder cost and holding savings', 'Fill rate by month']) {
		const chart = page.getByRole('figure', { name });
		await expect(chart.locator('svg').first()).toBeVisible();
		await expect(chart.locator('figcaption')).not.toBeEmpty();
	}
});

test('the top five cost drivers are suppliers from the breakdown, linked to their drill-down', async ({ page, request }) => {
	const b = await (await request.get('/api/breakdown?dim=supplier')).json();
	const top = b.members.filter((m: { kind: string; total: number }) => m.kind === 'member' && m.total > 0).slice(0, 5);
	await page.goto('/');
	const list = page.getByRole('region', { name: 'Top five cost drivers' });
	const items = list.getByRole('listitem');
	await expect(items).toHaveCount(5);
	for (const [i, m] of top.entries()) {
		await expect(items.nth(i)).toContainText(m.label);
		await expect(items.nth(i)).toContainText(compactCurrency(m.total));
	}
	await items.first().getByRole('link').click();
	await expect(page).toHaveURL(/\/drivers\?dim=supplier&pick=supplier%3A/);
	expect(new URL(page.url()).searchParams.getAll('pick')).toEqual([`supplier:${top[0].member}`]);
});

test('present mode steps through five slides with the keyboard and leaves with Escape', async ({ page, request }) => {
	const summary = await (await request.get('/api/summary')).json();
	await page.goto('/');
	await page.getByRole('link', { name: 'Present' }).click();
	await expect(page).toHaveURL(/\/present$/);
	await expect(page.getByRole('navigation', { name: 'Pages' })).toHaveCount(0);
	const slide = page.locator('[aria-roledescription="slide"]');
	await expect(slide).toHaveAttribute('aria-label', '1 of 5: The headline');
	await expect(slide).toContainText(ratio(summary.cost_per_dollar_saved));
	const titles = ['Where the cost comes from', 'Month by month', 'What it does to customers', 'Working capital'];
	for (const [i, title] of titles.entries()) {
		await page.keyboard.press('ArrowRight');
		await expect(slide).toHaveAttribute('aria-label', `${i + 2} of 5: ${title}`);
		await expect(slide.locator('figure svg').first()).toBeVisible();
	}
	await expect(page).toHaveURL(/#5$/);
	await page.keyboard.press('ArrowRight'); // stays on the last slide
	await expect(slide).toHaveAttribute('aria-label', '5 of 5: Working capital');
	await page.keyboard.press('Home');
	await expect(slide).toHaveAttribute('aria-label', '1 of 5: The headline');
	await page.keyboard.press('Escape');
	await expect(page).toHaveURL(/\/$/);
});

test('the PDF downloads as a real two-page PDF and each chart saves as PNG', async ({ page }) => {
	await page.goto('/?segment=Key');
	await page.getByLabel('Paper size').selectOption('letter');
	const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
	expect(pdf.suggestedFilename()).toMatch(/^backorder-ledger-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.pdf$/);
	const bytes = await (await import('node:fs/promises')).readFile((await pdf.path())!);
	const text = bytes.toString('latin1');
	expect(text.startsWith('%PDF-')).toBe(true);
	expect(text.match(/\/Type \/Page\b/g)?.length).toBe(2);
	expect(text).toContain('/MediaBox [0 0 792 612]');

	const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).first().click()]);
	expect(png.suggestedFilename()).toMatch(/^backorder-waterfall-.*\.png$/);
	const image = await (await import('node:fs/promises')).readFile((await png.path())!);
	expect([...image.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(image.length).toBeGreaterThan(10_000);
});

test('the ledger looks presentable in light and dark, on a laptop and a projector', async ({ browser }) => {
	for (const [scheme, width, height] of [
		['light', 1440, 900],
		['dark', 1440, 900],
		['light', 1280, 720],
		['dark', 1280, 720]
	] as const) {
		const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height } });
		const page = await context.newPage();
		await page.goto('/');
		await expect(page.getByRole('figure', { name: 'Backorder cost waterfall' }).locator('svg').first()).toBeVisible();
		// nothing overflows the page sideways
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
		await page.screenshot({ path: `test-results/ledger-${scheme}-${width}.png`, fullPage: true });
		await context.close();
	}
});

test('under a supplier filter the ledger says what it leaves out, and present mode names the filter', async ({ page, request }) => {
	const b = await (await request.get('/api/breakdown?dim=supplier')).json();
	const supplier: string = b.members.find((m: { kind: string }) => m.kind === 'member').member;
	const q = `?supplier=${encodeURIComponent(supplier)}`;
	const summary = await (await request.get(`/api/summary${q}`)).json();
	expect(summary.scope.components.winloss.status).toBe('not_attributable');
	expect(summary.winloss.expected_lost_margin).toBeNull();
	await page.goto(`/${q}`);
	const note = page.getByTestId('scope-note');
	await expect(note).toBeVisible();
	await expect(page.getByTestId('not-attributable')).toContainText(compactCurrency(summary.scope.not_attributable_total));
	await expect(note).toContainText('Not attributable to this filter');
	// the supplier's total is its row in the unfiltered breakdown
	const row = b.members.find((m: { member: string }) => m.member === supplier);
	expect(row.total).toBeCloseTo(summary.total_backorder_cost, 6);
	await page.goto(`/present${q}`);
	await expect(page.getByTestId('slide-meta')).toContainText(`Supplier: ${supplier}`);
	await expect(page.getByTestId('slide-scope')).toContainText('Not attributable to this filter');
});

test('under a segment filter the holding savings are marked as attributed, not the company\'s', async ({ page, request }) => {
	const whole = await (await request.get('/api/summary')).json();
	const s = await (await request.get('/api/summary?segment=Strategic')).json();
	expect(s.scope.components.holding.status).toBe('attributed');
	expect(s.holding.savings).toBeCloseTo(whole.holding.savings * s.holding.attributed_share, 4);
	await page.goto('/?segment=Strategic');
	const tiles = page.getByRole('region', { name: 'Headline figures' });
	await expect(tiles.getByRole('link', { name: /Holding savings/ }).getByTestId('scope-attributed')).toBeVisible();
});

test('a 3-month period at the end of the data shows the share-of-wallet decline as n/a, left out of the total', async ({ page, request }) => {
	const query = '?from=2026-08-01&to=2026-10-31';
	const summary = await (await request.get(`/api/summary${query}`)).json();
	// no first backorder of those months has six months of data after it
	expect(summary.wallet).toMatchObject({ did_pct: null, lost_revenue: null, lost_margin: null });
	expect(summary.wallet_not_estimable).toBe('no first backorder in the period has 6 full months of data before and after it');
	await page.goto(`/${query}`);
	await expect(page.getByTestId('wallet-na')).toHaveText(`n/a — ${summary.wallet_not_estimable} · left out of the total`);
	await expect(page.getByRole('region', { name: 'Summary' })).toContainText(`The total excludes the share-of-wallet decline: ${summary.wallet_not_estimable}.`);
	const tiles = page.getByRole('region', { name: 'Headline figures' });
	await expect(tiles.getByRole('link', { name: /Total backorder cost/ })).toContainText('excludes the share-of-wallet decline');
});
