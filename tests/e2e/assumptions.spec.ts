import { expect, test, type APIRequestContext } from '@playwright/test';
import { compactCurrency } from '../../src/lib/format';

/**
 * The assumptions editor. The e2e server is shared: every test that changes an assumption puts the
 * default scenario back to the defaults before it ends (and resets first, in case an earlier run failed).
 */
async function resetDefaults(request: APIRequestContext) {
	await request.post('/api/assumptions/activate', { data: { name: 'default' } });
	await request.post('/api/assumptions/reset', { data: {} });
}

async function phoneContacts(request: APIRequestContext): Promise<number> {
	const b = await (await request.get('/api/breakdown?dim=channel')).json();
	const phone = b.members.find((m: { member: string }) => m.member === 'phone');
	return phone?.service_contacts ?? 0;
}

test.afterEach(async ({ request }) => resetDefaults(request));

test('every assumption shows its unit, default, note and saved value', async ({ page, request }) => {
	await resetDefaults(request);
	await page.goto('/assumptions');
	const form = page.getByRole('form', { name: 'Assumptions' });
	const phone = form.getByRole('row').filter({ has: page.getByLabel('Cost per service contact (phone)') });
	await expect(phone).toContainText('currency per contact');
	await expect(phone).toContainText('$8.00');
	await expect(form).toContainText('live-channel average ≈ $8 per contact');
	await expect(form.getByLabel('Wallet window')).toHaveValue('6');
	await expect(form.getByLabel('Currency')).toHaveValue('USD');
	await expect(page.getByLabel('Active scenario')).toHaveValue('default');
});

test('doubling the phone cost moves / and /api/summary by exactly the phone contacts × $8; then reset', async ({ page, request }) => {
	await resetDefaults(request);
	const before = await (await request.get('/api/summary')).json();
	const n = await phoneContacts(request);
	expect(n).toBeGreaterThan(0);

	await page.goto('/assumptions');
	const input = page.getByLabel('Cost per service contact (phone)');
	await input.fill('-3');
	await expect(page.getByText('must not be negative')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Save 1 change/ })).toBeDisabled();
	await input.fill('16');
	await page.getByRole('button', { name: 'Save 1 change to “default”' }).click();
	await expect(page.getByRole('status')).toContainText('Saved 1 change');
	await expect(page.getByRole('row').filter({ has: input })).toContainText('$16.00');

	const after = await (await request.get('/api/summary')).json();
	expect(after.service.cost - before.service.cost).toBeCloseTo(8 * n, 6);
	expect(after.total_backorder_cost - before.total_backorder_cost).toBeCloseTo(8 * n, 6);
	await page.goto('/');
	await expect(page.getByRole('region', { name: 'Headline figures' }).getByRole('link', { name: /Total backorder cost/ })).toContainText(
		compactCurrency(after.total_backorder_cost)
	);

	// the history shows the edit; reset (confirmed) puts the figures back
	await page.goto('/assumptions');
	const history = page.getByRole('table', { name: 'Change history' });
	await expect(history.getByRole('row').filter({ hasText: 'channel_cost.phone' }).first()).toContainText('16');
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Reset to defaults' }).click();
	await expect(page.getByRole('status')).toContainText('back to the defaults');
	await expect(page.getByLabel('Cost per service contact (phone)')).toHaveValue('8');
	const restored = await (await request.get('/api/summary')).json();
	expect(restored.total_backorder_cost).toBeCloseTo(before.total_backorder_cost, 6);
});

test('the API’s per-field errors are shown and nothing is saved', async ({ page, request }) => {
	await resetDefaults(request);
	await page.goto('/assumptions');
	// a value the browser accepts but the server refuses: a scenario name with a slash
	await page.getByLabel('New scenario name').fill('../bad');
	await page.getByRole('button', { name: 'Save as new scenario' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('scenario name must be');
	const s = await (await request.get('/api/assumptions/scenarios')).json();
	expect(s.scenarios.map((x: { name: string }) => x.name)).toEqual(['default']);
});

test('named scenarios: save as, switch, and the keyword matches update live', async ({ page, request }) => {
	await resetDefaults(request);
	const name = `e2e ${Date.now()}`;
	await page.goto('/assumptions');
	await page.getByLabel('Escalation cost').fill('40');
	await page.getByLabel('New scenario name').fill(name);
	await page.getByRole('button', { name: 'Save as new scenario' }).click();
	// saving does not activate (issue 17): the active scenario and its figures stay as they were
	await expect(page.getByRole('status')).toContainText(`Saved as scenario “${name}”. “default” is still active`);
	await expect(page.getByLabel('Active scenario')).toHaveValue('default');
	expect((await (await request.get('/api/assumptions')).json()).values.escalation_cost).toBe(25);
	await page.getByLabel('Active scenario').selectOption(name);
	await expect(page.getByRole('status')).toContainText(`Scenario “${name}” is now active.`);
	expect((await (await request.get('/api/assumptions')).json()).values.escalation_cost).toBe(40);
	await page.getByLabel('Active scenario').selectOption('default');
	await expect(page.getByRole('status')).toContainText('Scenario “default” is now active.');
	await expect(page.getByLabel('Escalation cost')).toHaveValue('25');

	// keywords: the list of reason values marks what a draft adds or drops, before saving
	const contacts = page.getByRole('region', { name: 'Contact reasons' });
	const shareBefore = await contacts.getByTestId('contacts-share').textContent();
	const kw = page.getByLabel('Backorder keywords');
	await kw.fill('zzzz-no-such-word');
	await expect(contacts.getByTestId('contacts-share')).toContainText('0 of');
	await expect(contacts.getByText('no longer matches').first()).toBeVisible();
	await kw.fill((await request.get('/api/assumptions').then((r) => r.json())).values.keywords.join('\n'));
	await expect(contacts.getByTestId('contacts-share')).toHaveText(shareBefore!);
	await request.delete(`/api/assumptions/scenarios?name=${encodeURIComponent(name)}`);
});
