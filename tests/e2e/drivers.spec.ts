import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

const COST = ['service_cost', 'sales_cost', 'sales_opportunity_cost', 'cancelled_margin', 'wallet_lost_margin', 'deals_expected_lost_margin'] as const;

const money = (s: string | null) => Number((s ?? '').replace(/[^0-9.-]/g, ''));

async function ready(page: Page) {
	await expect(page.getByTestId('focus-total')).toBeVisible();
	await expect(page.locator('figure[aria-label="Pareto chart"] svg')).toBeVisible();
}

test('filters, view and cross-filters live in the URL and survive a reload', async ({ page }) => {
	await page.goto('/drivers');
	await ready(page);
	await page.getByLabel('Period').selectOption('6m');
	await expect(page).toHaveURL(/from=/);
	const rep = page.getByLabel('Sales rep');
	const first = await rep.locator('option').nth(1).getAttribute('value');
	await rep.selectOption(first!);
	await expect(page).toHaveURL(/sales_rep=/);
	await page.getByTestId('dim').selectOption('category');
	await expect(page).toHaveURL(/dim=category/);
	await ready(page);
	await page.locator('table.breakdown tbody tr').first().click();
	await expect(page).toHaveURL(/pick=category%3A/);
	await expect(page.getByTestId('chip')).toHaveCount(1);
	const url = page.url();
	const total = await page.getByTestId('focus-total').textContent();

	await page.reload();
	await ready(page);
	expect(page.url()).toBe(url);
	await expect(page.getByLabel('Period')).toHaveValue('6m');
	await expect(page.getByLabel('Sales rep')).toHaveValue(first!);
	await expect(page.getByTestId('dim')).toHaveValue('category');
	await expect(page.getByTestId('chip')).toHaveCount(1);
	await expect(page.getByTestId('focus-total')).toHaveText(total!);

	// the chip removes the cross-filter; back brings it back
	await page.getByTestId('chip').getByRole('button').click();
	await expect(page.getByTestId('chip')).toHaveCount(0);
	await page.goBack();
	await expect(page.getByTestId('chip')).toHaveCount(1);
});

test('a cross-filter click changes the other views and the totals still add up to /api/summary', async ({ page, request }) => {
	await page.goto('/drivers?dim=supplier');
	await ready(page);
	const heatBefore = await page.locator('figure[aria-label="Heat map"] figcaption').textContent();
	const totalBefore = money(await page.getByTestId('focus-total').textContent());
	const unfiltered = await (await request.get('/api/summary')).json();
	expect(totalBefore).toBeCloseTo(unfiltered.total_backorder_cost, -1);

	// click the largest bar of the Pareto chart (bars are SVG paths drawn left to right)
	const box = (await page.locator('figure[aria-label="Pareto chart"]').boundingBox())!;
	const bars = page.locator('figure[aria-label="Pareto chart"] svg path[fill="#c2410c"], figure[aria-label="Pareto chart"] svg path[fill="rgb(194,65,12)"]');
	if ((await bars.count()) > 0) await bars.first().click({ force: true });
	else await page.mouse.click(box.x + 60, box.y + box.height - 60);
	// the URL changes when the pick's page load is done, which can take seconds on a loaded CI machine: a row
	// click before that would pick the same supplier again, i.e. unpick it (CI, 5 December evening)
	const picked = await page.waitForURL(/pick=supplier/, { timeout: (await bars.count()) > 0 ? 30_000 : 5_000 }).then(
		() => true,
		() => false
	);
	if (!picked) await page.locator('table.breakdown tbody tr').first().click();
	await expect(page).toHaveURL(/pick=supplier%3A/);
	const supplier = decodeURIComponent(new URL(page.url()).searchParams.get('pick')!.slice('supplier:'.length));
	// the pick's page load can queue behind the warm-up a load before it started (CI, 5 December: 10 s was not enough once)
	await expect(page.getByTestId('chip')).toContainText(supplier, { timeout: 30_000 });
	await expect(page.locator('figure[aria-label="Heat map"] figcaption')).not.toHaveText(heatBefore!);

	const s = await (await request.get(`/api/summary?supplier=${encodeURIComponent(supplier)}`)).json();
	const shown = money(await page.getByTestId('focus-total').textContent());
	expect(Math.abs(shown - s.total_backorder_cost)).toBeLessThan(1); // whole currency units on screen
	// deals name no supplier: shown beside the cost in view, as the ledger's not-attributable amount
	await expect(page.getByTestId('not-attributable')).toContainText('not attributable');
	expect(s.scope.components.winloss.status).toBe('not_attributable');

	// the breakdown of the other views adds up exactly to the ledger of the same filters
	const b = await (await request.get(`/api/breakdown?dim=category&pick=supplier:${encodeURIComponent(supplier)}`)).json();
	for (const k of [...COST, 'total'] as const) {
		const sum = b.members.reduce((acc: number, m: Record<string, number>) => acc + m[k], 0) + b.unattributed[k];
		expect(Math.abs(sum - b.totals[k]), k).toBeLessThan(1e-6 * Math.max(1, b.totals[k]));
	}
	expect(b.totals.total).toBeCloseTo(s.total_backorder_cost, 6);
	expect(b.not_attributable.total).toBeCloseTo(s.scope.not_attributable_total, 6);
	// and the picked supplier's row in the unfiltered breakdown is the cost in view
	const all = await (await request.get('/api/breakdown?dim=supplier')).json();
	const rowOf = all.members.find((m: { member: string }) => m.member === supplier);
	expect(rowOf.total).toBeCloseTo(s.total_backorder_cost, 6);
});

test("a drill-down's rows add up to the figure they came from", async ({ page, request }) => {
	const b = await (await request.get('/api/breakdown?dim=supplier')).json();
	const top = b.members[0];
	const m = `supplier:${top.member}`;
	let sum = 0;
	let rows = 0;
	for (let offset = 0; ; offset += 1000) {
		const d = await (await request.get(`/api/drill?kind=contacts&m=${encodeURIComponent(m)}&limit=1000&offset=${offset}`)).json();
		sum += d.rows.reduce((acc: number, r: { cost: number }) => acc + r.cost, 0);
		rows += d.rows.length;
		expect(d.total_cost).toBeCloseTo(top.service_cost + top.sales_cost + top.sales_opportunity_cost, 6);
		if (rows >= d.total_rows) break;
	}
	expect(sum).toBeCloseTo(top.service_cost + top.sales_cost + top.sales_opportunity_cost, 6);

	await page.goto('/drivers?dim=supplier');
	await ready(page);
	await page.locator('table.breakdown tbody tr').first().getByRole('button', { name: 'Records' }).click();
	await expect(page.locator('#records h2')).toContainText(top.member);
	await page.getByRole('tab', { name: 'Order lines' }).click();
	await expect(page.getByTestId('drill-total')).toHaveText(new RegExp(`^\\$${Math.round(top.cancelled_margin).toLocaleString('en-US')}$`));
	await expect(page.getByTestId('drill-sum')).not.toContainText('does not match');
	// server-side paging and search
	await page.getByRole('button', { name: 'Next' }).click();
	await expect(page.getByText(/Page 2 of/)).toBeVisible();
	await page.getByPlaceholder(/Search id/).fill('zzzz-no-such-thing');
	await expect(page.getByText('No order lines match.')).toBeVisible();
});

test('exports download with the right row count', async ({ page, request }) => {
	await page.goto('/drivers?dim=category');
	await ready(page);
	const b = await (await request.get('/api/breakdown?dim=category')).json();

	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('breakdown-csv').click()]);
	const text = readFileSync((await csv.path())!, 'utf8').replace(/^\ufeff/, '');
	expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + b.members.length + 1);
	expect(csv.suggestedFilename()).toMatch(/^backorder-cost-by-category-.*\.csv$/);

	const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('breakdown-xlsx').click()]);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.readFile((await xlsx.path())!);
	expect(wb.worksheets[0].actualRowCount).toBe(1 + b.members.length + 1);

	// under a pick, the Scope sheet names the filters as asked and the pick once, as a pick
	const picked = await request.get('/export/breakdown.xlsx?segment=Key&dim=supplier&pick=region:North');
	expect(picked.status()).toBe(200);
	const pwb = new ExcelJS.Workbook();
	await pwb.xlsx.load((await picked.body()) as unknown as ArrayBuffer);
	const scope = new Map(pwb.getWorksheet('Scope')!.getSheetValues().filter(Boolean).map((r) => [String((r as unknown[])[1]), String((r as unknown[])[2])]));
	expect(scope.get('Filters')).toBe('Segment: Key');
	expect(scope.get('Cross-filter picks')).toBe('region:North');

	const d = await (await request.get('/api/drill?kind=contacts')).json();
	const [dcsv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('drill-csv').click()]);
	const lines = readFileSync((await dcsv.path())!, 'utf8').split('\r\n').filter(Boolean);
	expect(lines).toHaveLength(1 + d.total_rows);
});

test('screenshots of /drivers in light and dark', async ({ browser }) => {
	for (const scheme of ['light', 'dark'] as const) {
		const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
		const page = await context.newPage();
		await page.goto('/drivers?dim=supplier');
		await ready(page);
		await expect(page.locator('figure[aria-label="Heat map"] svg')).toBeVisible();
		await page.waitForTimeout(800);
		await page.screenshot({ path: `/tmp/drivers-${scheme}.png`, fullPage: false });
		await page.screenshot({ path: `/tmp/drivers-${scheme}-full.png`, fullPage: true });
		await context.close();
	}
});
