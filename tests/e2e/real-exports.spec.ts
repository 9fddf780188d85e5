/**
 * Issue 14 in the browser: a denormalised supply-chain export (one row per order line, with its
 * shipment; month-first dates with 2-digit years; two rows broken by an unquoted comma) is uploaded and
 * mapped on /data — a value map, a condition, customers and shipments from the same file, a row
 * condition — and loaded replacing every table. A first load with a wrong column fails, and the
 * mapping stays on screen to be fixed. The ledger then shows backorders derived from the shipments
 * and says so. The sample is put back at the end for the other tests.
 */
import { expect, test, type Locator } from '@playwright/test';
import path from 'node:path';

const DATACO = path.resolve('tests/fixtures/exports/dataco-supply-chain/DataCoSupplyChainDataset.csv');

test.describe.configure({ mode: 'serial' });

const pick = (card: Locator, label: string, option: string) => card.getByLabel(label, { exact: true }).selectOption({ label: option });

test('a denormalised export with shipments is mapped in the browser and the ledger shows the backorders it derives', async ({ page, request }) => {
	test.setTimeout(240_000);
	const health = await (await request.get('/api/health')).json();
	page.on('dialog', (d) => d.accept());

	await page.goto('/data');
	await page.getByLabel('Choose files to upload').setInputFiles(DATACO);
	await page.getByRole('button', { name: 'Upload and map 1 file' }).click();
	const editor = page.getByRole('region', { name: 'Column mapping' });
	const lines = editor.getByRole('article', { name: 'Mapping for order_lines' });
	const customers = editor.getByRole('article', { name: 'Mapping for customers' });
	// suggested from the headers: the order lines' own columns, customers keeping each key's first row
	await expect(lines.getByLabel('order_lines.order_id column', { exact: true })).toHaveValue('main\u0000Order Id');
	await expect(lines.getByLabel('order_lines.qty column', { exact: true })).toHaveValue('main\u0000Order Item Quantity');
	await expect(customers.getByLabel('customers repeated keys')).toHaveValue('first');

	// a condition: a cancelled delivery closes the line
	await lines.getByLabel('order_lines.line_status comes from').selectOption('if');
	await pick(lines, 'order_lines.line_status condition: column', 'Delivery Status');
	await lines.getByLabel('order_lines.line_status condition: value').fill('Shipping canceled');
	await lines.getByLabel('order_lines.line_status when true', { exact: true }).fill('cancelled');

	// a value map: the export's segments onto ours, from the file's distinct values
	await customers.getByLabel('customers.segment comes from').selectOption('map');
	await pick(customers, 'customers.segment column', 'Customer Segment');
	await customers.getByRole('button', { name: 'List the values' }).click();
	const map = customers.getByRole('table', { name: 'customers.segment: value map' });
	await expect(map.getByRole('row').filter({ hasText: 'Consumer' })).toContainText('7');
	await customers.getByLabel('customers.segment: Consumer becomes').fill('Core');
	await customers.getByLabel('customers.segment: Corporate becomes').fill('Key');
	await customers.getByLabel('customers.segment: Home Office becomes').fill('Core');

	// the same file gives the shipments: every row but the cancelled ones
	await editor.getByLabel('Table to build').selectOption('shipments');
	await editor.getByLabel('File to build it from').selectOption('DataCoSupplyChainDataset.csv');
	await editor.getByRole('button', { name: 'Add', exact: true }).click();
	const shipments = editor.getByRole('article', { name: 'Mapping for shipments' });
	for (const [col, header] of [
		['order_id', 'Order Id'],
		['line_no', 'Order Item Id'],
		['ship_date', 'shipping date (DateOrders)'],
		['qty_shipped', 'Order Item Quantity']
	]) {
		await shipments.getByLabel(`shipments.${col} comes from`).selectOption('column');
		await pick(shipments, `shipments.${col} column`, header);
	}
	await shipments.getByLabel('shipments: only some rows').check();
	await pick(shipments, 'shipments rows: column', 'Delivery Status');
	await shipments.getByLabel('shipments rows: test').selectOption('ne');
	await shipments.getByLabel('shipments rows: value').fill('Shipping canceled');

	// a wrong column first: the quantities are names, so the load is refused and the mapping stays
	await pick(lines, 'order_lines.qty column', 'Customer Fname');
	await page.getByLabel('Replace all tables (empty those without a file)').check();
	await editor.getByRole('button', { name: 'Load with these mappings' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'The mapping is still here: fix it and load again.' })).toBeVisible({ timeout: 60_000 });
	await expect(page.getByRole('region', { name: 'Load result' }).getByRole('list', { name: 'Refused files' })).toContainText('no valid rows');
	await expect(shipments.getByLabel('shipments rows: value')).toHaveValue('Shipping canceled');
	await pick(lines, 'order_lines.qty column', 'Order Item Quantity');

	// the preview says what the ingest will read: 2-digit years month first, the two broken rows
	await editor.getByRole('button', { name: 'Preview' }).click();
	await expect(editor.getByTestId('preview-order_lines')).toContainText('Of the first 20 rows, 18 would load and 2 would be rejected');
	await expect(editor.getByRole('list', { name: 'How order_lines was read' })).toContainText('order_date: dates read as month first (1/6/25 9:15)');
	await expect(editor.getByRole('list', { name: 'Rejected in the preview of order_lines' })).toContainText('line 19: malformed row');

	await editor.getByRole('button', { name: 'Load with these mappings' }).click();
	const result = page.getByRole('region', { name: 'Load result' });
	await expect(result.getByRole('status')).toContainText('Loaded 3 tables', { timeout: 120_000 });
	await expect(result.getByRole('status')).toContainText('Emptied (replace all): products, inventory_snapshots, contacts, opportunities');
	await expect(editor).toHaveCount(0);
	const tables = page.getByRole('region', { name: 'Tables', exact: true });
	await expect(tables.getByRole('row').filter({ hasText: 'order_lines' })).toContainText('2025-01-06 – 2025-06-02');
	await expect(tables.getByRole('row').filter({ hasText: 'inventory_snapshots' })).toContainText('emptied by a replace-all load');

	const s = await (await request.get('/api/summary')).json();
	expect(s.orders.lines).toBe(18);
	expect(s.orders.backordered_lines).toBe(11);
	await page.goto('/');
	await expect(page.getByRole('list', { name: 'About the data' })).toContainText('Backorders derived from shipments');

	// the sample back for the other tests
	await page.goto('/data');
	await page.getByRole('button', { name: 'Reset to the sample data' }).click();
	await expect(page.getByRole('region', { name: 'Load result' }).getByRole('status')).toContainText('Loaded 6 tables', { timeout: 150_000 });
	expect((await (await request.get('/api/health')).json()).tables).toEqual(health.tables);
});
