/**
 * Issue 17 item 6: a waterfall bar leads to what drives it, and every chart has a keyboard-reachable
 * table of its data under it ("View as table"), with ECharts' aria label on the chart itself.
 */
import { expect, test, type Locator } from '@playwright/test';

/** Clicks the leftmost filled bar drawn in a chart (ECharts' SVG paths), once the chart has settled. */
async function clickLeftmostBar(figure: Locator): Promise<void> {
	await figure.scrollIntoViewIfNeeded();
	// the bars grow in on first draw: measure them once they stand still
	await figure.page().waitForTimeout(1500);
	const marked = await figure.evaluate((fig) => {
		const bars = [...fig.querySelectorAll('svg path')]
			.filter((p) => {
				const fill = p.getAttribute('fill') ?? '';
				const r = p.getBoundingClientRect();
				return fill && fill !== 'none' && fill !== 'transparent' && !fill.startsWith('rgba(0,0,0,0)') && r.width > 8 && r.height > 3;
			})
			.sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left);
		bars[0]?.setAttribute('data-e2e-bar', '1');
		return bars.length;
	});
	expect(marked).toBeGreaterThan(0);
	await figure.locator('[data-e2e-bar]').click({ force: true });
}

test('clicking a waterfall bar opens /drivers with that component picked', async ({ page }) => {
	await page.goto('/?segment=Key');
	const figure = page.getByRole('figure', { name: 'Backorder cost waterfall' });
	await expect(figure.locator('svg')).toBeVisible();
	await clickLeftmostBar(figure);
	// the first bar is the service contacts' cost: broken down by channel, focused on that component
	await expect(page).toHaveURL(/\/drivers\?segment=Key&dim=channel&cost=service_cost$/);
	await expect(page.getByTestId('cost-chip')).toContainText('Service contacts');
	await expect(page.getByRole('heading', { name: /Concentration by contact channel: service contacts/ })).toBeVisible();
	// the table is sorted by that component
	await expect(page.locator('th[aria-sort="descending"]')).toContainText('Service cost');
	await page.getByRole('button', { name: 'Show all components' }).click();
	await expect(page).toHaveURL(/\/drivers\?segment=Key&dim=channel$/);
});

test('every chart has a keyboard-reachable table of its data, and an aria label', async ({ page }) => {
	await page.goto('/');
	const figure = page.getByRole('figure', { name: 'Backorder cost waterfall' });
	await expect(figure.locator('svg')).toBeVisible();
	// ECharts' aria component labels the chart with the page's description
	await expect(figure.locator('[aria-label*="Click a bar"]').first()).toBeAttached();
	const summaries = page.locator('details.as-table > summary');
	expect(await summaries.count()).toBeGreaterThanOrEqual(3);

	// keyboard only: focus the waterfall's "View as table", open it, tab to its first row's link, follow it
	const summary = page.locator('figure[aria-label="Backorder cost waterfall"] + details > summary');
	await summary.focus();
	await expect(summary).toBeFocused();
	await page.keyboard.press('Enter');
	const table = page.locator('figure[aria-label="Backorder cost waterfall"] + details table');
	await expect(table).toBeVisible();
	await expect(table.locator('tbody tr').first()).toContainText('Service contacts');
	await page.keyboard.press('Tab');
	await expect(table.getByRole('link', { name: 'Service contacts' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/drivers\?dim=channel&cost=service_cost$/);

	// the drivers' charts have tables too, read from the same option the chart draws
	const pareto = page.locator('figure[aria-label="Pareto chart"] + details');
	await pareto.locator('summary').focus();
	await page.keyboard.press('Enter');
	await expect(pareto.locator('tbody tr').first()).toBeVisible();
	expect(await pareto.locator('tbody tr').count()).toBeGreaterThan(1);
});
