import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from '$lib/server/db';
import { checkCustomer, searchCustomers } from './lookup';
import { summaryResponse } from '$lib/server/metrics/summary';
import { GET } from '../../../routes/api/customers/search/+server';

process.env.LEDGER_DB = ':memory:';

beforeAll(() =>
	withConnection((c) =>
		c.run(`
INSERT INTO customers (customer_id, name, segment) VALUES
  ('ACME', 'Zeta Supplies', 'Key'), ('C2', 'Acme Corp', 'Core'), ('C3', 'Big Acme Ltd', 'Core'),
  ('C4', 'Nacme 100%_Co', 'Core'), ('C5', NULL, NULL), ('c10', 'Tenth', 'Core');
INSERT INTO products (sku, unit_cost) VALUES ('P1', 1);
INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, qty, unit_price, qty_backordered) VALUES
  ('O1', 1, 'C2', 'P1', DATE '2025-01-01', 1, 2, 0), ('O2', 1, 'ORPHAN', 'P1', DATE '2025-01-02', 1, 2, 1);`)
	)
);
afterAll(() => closeInstance());

const ids = async (q: string, limit = 10) => (await searchCustomers(q, limit)).map((h) => h.customer_id);

describe('customer type-ahead (queries/customers/search.sql)', () => {
	it('ranks the exact id, then prefixes, then word starts, then contains; any case', async () => {
		expect(await ids('acme')).toEqual(['ACME', 'C2', 'C3', 'C4']);
		expect(await ids('c1')).toEqual(['c10']);
		// ids starting with c (by name within the rank), then ACME, which only contains it
		expect(await ids('c')).toEqual(['C5', 'C2', 'C3', 'C4', 'c10', 'ACME']);
	});

	it('takes % and _ literally and honours the limit', async () => {
		expect(await ids('100%_')).toEqual(['C4']);
		expect(await ids('%')).toEqual(['C4']);
		expect(await ids('acme', 2)).toEqual(['ACME', 'C2']);
		expect(await ids('nothing like it')).toEqual([]);
	});

	it('answers GET /api/customers/search with hits, and 400 with a message', async () => {
		const res = await GET({ url: new URL('http://x/api/customers/search?q=ACME&limit=1') } as never);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ q: 'acme', customers: [{ customer_id: 'ACME', name: 'Zeta Supplies', segment: 'Key', region: null }] });
		const bad = await GET({ url: new URL('http://x/api/customers/search?q=a&limit=500') } as never);
		expect(bad.status).toBe(400);
		expect((await bad.json()).error).toMatch(/limit/);
	});
});

describe('no such customer', () => {
	it('knows customers by exact id, and ids found only in order lines', async () => {
		expect(await checkCustomer('C2')).toEqual({ id: 'C2', name: 'Acme Corp', known: true });
		expect(await checkCustomer('ORPHAN')).toEqual({ id: 'ORPHAN', name: null, known: true });
		expect(await checkCustomer('Acme Corp')).toEqual({ id: 'Acme Corp', name: null, known: false });
		expect((await checkCustomer('c2')).known).toBe(false);
	});

	it('makes /api/summary answer 400 "No such customer" instead of $0', async () => {
		const bad = await summaryResponse(new URLSearchParams('customer=Acme Corp'));
		expect(bad).toEqual({ status: 400, body: { error: 'No such customer: Acme Corp' } });
		const good = await summaryResponse(new URLSearchParams('customer=C2'));
		expect(good.status).toBe(200);
		expect((good.body as { orders: { lines: number } }).orders.lines).toBe(1);
	});
});
