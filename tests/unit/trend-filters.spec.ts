import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, queryRows, withConnection } from '$lib/server/db';
import { ledgerParams } from '$lib/server/metrics/summary';
import { DEFAULT_ASSUMPTIONS, resolveAssumptions } from '$lib/metrics/assumptions';

// The monthly trend applies every filter the ledger does, so its months add up to the period figures.
beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	await withConnection(async (c) => {
		await c.run(`INSERT INTO customers (customer_id, segment, region, sales_rep) VALUES
			('A', 'Key', 'North', 'Ava'), ('B', 'Key', 'South', 'Ben'), ('C', 'Core', 'North', 'Ava')`);
		await c.run(`INSERT INTO products (sku, category, supplier, unit_cost) VALUES ('S1', 'Valves', 'Acme', 1), ('S2', 'Pipes', 'Bolt', 2)`);
		await c.run(`INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, qty, unit_price, qty_backordered, qty_cancelled) VALUES
			('O1', 1, 'A', 'S1', '2026-01-05', 10, 2, 4, 1),
			('O2', 1, 'B', 'S2', '2026-01-20', 5, 4, 0, 0),
			('O3', 1, 'C', 'S1', '2026-02-03', 1, 10, 1, 0),
			('O4', 1, 'A', 'S2', '2026-02-28', 2, 5, 0, 0),
			('O5', 1, 'A', 'S1', '2026-03-01', 7, 1, 7, 7)`);
	});
});
afterAll(() => closeInstance());

const a = resolveAssumptions(DEFAULT_ASSUMPTIONS);
const months = (f: Record<string, string>) =>
	queryRows<{ month: string; lines: number; backordered_lines: number; cancelled_value: number }>(
		'ledger/monthly_orders',
		ledgerParams({ from: '2026-01-01', to: '2026-02-28', ...f }, a)
	).then((r) => r.map((m) => [m.month, m.lines, m.backordered_lines, m.cancelled_value]));

describe('ledger/monthly_orders', () => {
	it('groups the period by order month', async () => {
		expect(await months({})).toEqual([
			['2026-01-01', 2, 1, 2],
			['2026-02-01', 2, 1, 0]
		]);
	});
	it.each([
		[{ sales_rep: 'Ava' }, [['2026-01-01', 1, 1, 2], ['2026-02-01', 2, 1, 0]]],
		[{ customer: 'A' }, [['2026-01-01', 1, 1, 2], ['2026-02-01', 1, 0, 0]]],
		[{ segment: 'Key', supplier: 'Bolt' }, [['2026-01-01', 1, 0, 0], ['2026-02-01', 1, 0, 0]]],
		[{ region: 'North', category: 'Valves' }, [['2026-01-01', 1, 1, 2], ['2026-02-01', 1, 1, 0]]]
	])('applies %j', async (f, expected) => {
		expect(await months(f as Record<string, string>)).toEqual(expected);
	});
});
