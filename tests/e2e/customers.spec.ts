import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SampleTruth } from '../../src/lib/sample-truth';

const dataDir = path.resolve(process.env.E2E_DATA || 'test-results/e2e-data');
const truth: SampleTruth = JSON.parse(readFileSync(path.join(dataDir, 'sample', 'truth.json'), 'utf8'));
const known = truth.known_customers;

async function raw(page: Page, testid: string): Promise<number | null> {
	const v = await page.getByTestId(testid).getAttribute('data-value');
	return v === null || v === '' ? null : Number(v);
}

async function noOverflow(page: Page) {
	const wide = await page.evaluate(() => {
		const doc = document.documentElement;
		if (doc.scrollWidth > doc.clientWidth) return `page ${doc.scrollWidth} > ${doc.clientWidth}`;
		for (const el of document.querySelectorAll('main h1, main .card')) {
			const r = el.getBoundingClientRect();
			if (r.right > doc.clientWidth + 1) return `${el.tagName}.${el.className} ends at ${r.right}`;
			if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible') return `${el.tagName}.${el.className} overflows`;
		}
		return null;
	});
	expect(wide).toBeNull();
}

function collectErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	return errors;
}

test('the wallet and deal figures equal /api/summary for the same filters', async ({ page, request }) => {
	for (const search of ['', '?segment=Core']) {
		const api = await (await request.get(`/api/summary${search}`)).json();
		await page.goto(`/customers${search}`);
		expect(await raw(page, 'wallet-treated')).toBe(api.wallet.treated_customers);
		expect(await raw(page, 'wallet-did')).toBeCloseTo(api.wallet.did_pct, 12);
		expect(await raw(page, 'wallet-lost-revenue')).toBeCloseTo(api.wallet.lost_revenue, 6);
		expect(await raw(page, 'wallet-lost-margin')).toBeCloseTo(api.wallet.lost_margin, 6);
		const interval = page.getByTestId('wallet-interval');
		expect(Number(await interval.getAttribute('data-low'))).toBeCloseTo(api.wallet.did_low, 12);
		expect(Number(await interval.getAttribute('data-high'))).toBeCloseTo(api.wallet.did_high, 12);
		expect(await raw(page, 'deals-value')).toBeCloseTo(api.winloss.lost_value, 6);
		expect(await raw(page, 'deals-count')).toBe(api.winloss.lost_deals);
		expect(await raw(page, 'deals-margin')).toBeCloseTo(api.winloss.expected_lost_margin, 6);
	}
	// and the default view recovers the planted decline: the sample's own count of treated customers
	await page.goto('/customers');
	expect(await raw(page, 'wallet-treated')).toBe(truth.observed.wallet.treated_customers);
	expect(await raw(page, 'deals-count')).toBe(truth.default_period_facts.availability_lost_opportunities);
	// the event study states its pre-trend test, flat or not
	await expect(page.getByTestId('wallet-pre-trend')).toHaveText(/Months −6 to −1 tested flat|Pre-trend not flat/);
});

test('the customer impact page renders every panel, pages server-side and exports at-risk customers', async ({ page, request }) => {
	const errors = collectErrors(page);
	await page.goto('/customers');
	await expect(page.getByRole('heading', { name: 'Customer impact', level: 1 })).toBeVisible();
	await expect(page.getByRole('img', { name: /Event study over \d+ customers/ })).toBeVisible();
	await expect(page.getByTestId('deals-list').locator('tbody tr')).toHaveCount(25);
	await expect(page.getByTestId('at-risk-list').locator('tbody tr')).not.toHaveCount(0);
	await expect(page.getByTestId('voice-quotes').locator('figure').first()).toBeVisible();
	await noOverflow(page);

	const firstDeal = await page.getByTestId('deals-list').locator('tbody tr').first().innerText();
	await page.getByRole('navigation', { name: 'Pages of lost deals' }).getByRole('link', { name: 'Next →' }).click();
	await expect(page).toHaveURL(/[?&]dp=2/);
	await expect(page.getByTestId('deals-list').locator('tbody tr').first()).not.toHaveText(firstDeal);

	await page.getByLabel('Search the notes').fill('ETA');
	await page.getByRole('button', { name: 'Show' }).click();
	await expect(page).toHaveURL(/vq=ETA/);
	await expect(page).toHaveURL(/dp=2/); // other parameters survive the form
	// the term is searched in the note and its reason (shown in the caption)
	const quotes = await page.getByTestId('voice-quotes').locator('figure').allInnerTexts();
	expect(quotes.length).toBeGreaterThan(0);
	for (const q of quotes) expect(q.toLowerCase()).toContain('eta');

	const csv = await request.get('/customers/at-risk.csv?segment=Key');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const lines = (await csv.text()).trim().split('\r\n');
	expect(lines[0]).toContain('rank,customer_id,name');
	expect(lines.length).toBeGreaterThan(1);
	for (const l of lines.slice(1)) expect(l).toContain(',Key,');
	expect(errors).toEqual([]);
});

test("the known incident customer's page shows its backordered orders and the contacts they caused", async ({ page }) => {
	const errors = collectErrors(page);
	const inc = known.incident;
	await page.goto(`/customers/${inc.customer_id}`);
	await expect(page.getByRole('img', { name: /^Timeline from/ })).toBeVisible();
	const table = page.getByTestId('customer-backorders');
	for (const id of inc.order_ids) await expect(table.locator(`[data-order-id="${id}"]`)).toBeVisible();
	for (const id of inc.counted_contact_ids) await expect(page.locator(`[data-contact-id="${id}"]`)).toBeVisible();
	const t0 = new Date(`${inc.t0_month}-01T00:00:00Z`).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
	await expect(page.getByText(`first backorder ${t0}`)).toBeVisible();
	await noOverflow(page);
	expect(errors).toEqual([]);
});

test('a long name, a customer without notes and one never backordered render cleanly', async ({ page }) => {
	const errors = collectErrors(page);
	await page.goto(`/customers/${known.long_name.customer_id}`);
	await expect(page.getByTestId('customer-name')).toHaveText(known.long_name.name);
	await noOverflow(page);

	await page.goto(`/customers/${known.no_notes.customer_id}`);
	await expect(page.getByTestId('no-verbatims')).toBeVisible();
	await noOverflow(page);

	await page.goto(`/customers/${known.no_backorders.customer_id}`);
	await expect(page.getByTestId('no-backorders')).toBeVisible();
	await expect(page.getByTestId('customer-backordered-orders')).toHaveAttribute('data-value', '0');
	await expect(page.getByText('never backordered', { exact: true })).toBeVisible();
	await noOverflow(page);
	expect(errors).toEqual([]);

	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		for (const [name, url] of [
			['customers', '/customers'],
			['customer', `/customers/${known.incident.customer_id}`]
		]) {
			await page.goto(url);
			await page.waitForTimeout(300);
			await page.screenshot({ path: `/tmp/e2e-${name}-${scheme}.png`, fullPage: true });
		}
	}
});

test('an unknown customer id answers 404 with a clear message', async ({ page }) => {
	const res = await page.goto('/customers/NO-SUCH-CUSTOMER');
	expect(res?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: 'Customer not found' })).toBeVisible();
	await expect(page.getByText('There is no customer “NO-SUCH-CUSTOMER” in the loaded data.')).toBeVisible();
});
