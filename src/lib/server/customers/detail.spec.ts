/**
 * The customer page reads each table once (issue 9) and keeps its results per data version. These
 * check the header and the contacts' §3 flag against the queries the page used before (kept here as the
 * reference), on a fixture with the awkward cases: an order whose lines have different dates, an order
 * id shared by two customers, a contact about another customer's backordered order, ids known only to
 * one table; and that a data change shows at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, readSql, runSql, withConnection } from '../db';
import { activeScenario } from '../assumptions/store';
import { readCustomerParams } from '$lib/customers/params';
import { DEFAULT_KEYWORDS as KW, keywordPattern } from '$lib/metrics/keywords';
import { customerDetail, customerHeader } from './customer';
import { atRiskCustomers, customersOverview } from './overview';

process.env.LEDGER_DB = ':memory:';

/** queries/customers/customer.sql before issue 9: the header with its own scans of every table. */
const REFERENCE_HEADER = `
WITH o AS (
    SELECT count(*) AS lines,
           count(*) FILTER (WHERE qty_backordered > 0) AS backordered_lines,
           min(order_date) AS first_order,
           max(order_date) AS last_order
    FROM order_lines WHERE customer_id = $id
),
k AS (SELECT count(*) AS contacts FROM contacts WHERE customer_id = $id),
p AS (SELECT count(*) AS opportunities FROM opportunities WHERE customer_id = $id)
SELECT
    $id AS customer_id,
    c.customer_id IS NOT NULL AS in_customers,
    c.name, c.segment, c.region, c.industry, c.sales_rep,
    c.annual_wallet::DOUBLE AS annual_wallet,
    o.lines::DOUBLE AS lines,
    o.backordered_lines::DOUBLE AS backordered_lines,
    strftime(o.first_order, '%Y-%m-%d') AS first_order,
    strftime(o.last_order, '%Y-%m-%d') AS last_order,
    k.contacts::DOUBLE AS contacts,
    p.opportunities::DOUBLE AS opportunities
FROM o, k, p
LEFT JOIN customers c ON c.customer_id = $id`;

/** queries/customers/customer_contacts.sql before issue 9: the backordered-order test over all lines. */
const REFERENCE_CONTACTS = `
WITH backordered_orders AS (
    SELECT DISTINCT order_id FROM order_lines
    WHERE qty_backordered > 0
      AND order_id IN (SELECT order_id FROM contacts WHERE customer_id = $id AND order_id IS NOT NULL)
)
SELECT
    k.contact_id,
    strftime(k.contact_at, '%Y-%m-%d %H:%M:%S') AS contact_at,
    k.team, k.channel, k.reason, k.note, k.order_id,
    coalesce(k.escalated, false) AS escalated,
    k.csat::DOUBLE AS csat,
    (bo.order_id IS NOT NULL
     OR regexp_matches(coalesce(k.reason, '') || chr(10) || coalesce(k.note, ''), $keyword_pattern)) AS related
FROM contacts k
LEFT JOIN backordered_orders bo ON bo.order_id = k.order_id
WHERE k.customer_id = $id
ORDER BY k.contact_at, k.contact_id`;

const FIXTURE = `
INSERT INTO customers (customer_id, name, segment, region, industry, sales_rep, annual_wallet) VALUES
  ('A', 'Alpha', 'Key', 'West', 'Retail', 'Rep One', 20000), ('B', 'Beta', 'Core', 'East', NULL, NULL, NULL),
  ('Z', 'Zeta', 'Core', 'East', NULL, NULL, 5000.5);
INSERT INTO products (sku, category, supplier, unit_cost) VALUES ('P1', 'Valves', 'Acme', 1);
INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, promised_date, ship_date, qty, unit_price, qty_backordered, backorder_filled_date, qty_cancelled) VALUES
  ('A1', 1, 'A', 'P1', DATE '2025-01-10', NULL, NULL, 2, 10, 0, NULL, 0),
  ('A2', 1, 'A', 'P1', DATE '2025-03-01', NULL, NULL, 1, 100, 1, DATE '2025-03-20', 0),
  ('A2', 2, 'A', 'P1', DATE '2025-03-05', NULL, NULL, 3, 10, 0, NULL, 1),
  ('B1', 1, 'B', 'P1', DATE '2025-02-01', NULL, NULL, 1, 50, 1, NULL, 0),
  ('B1', 2, 'A', 'P1', DATE '2025-02-01', NULL, NULL, 1, 7, 0, NULL, 0),
  ('X1', 1, 'X', 'P1', DATE '2025-04-01', NULL, NULL, 1, 9, 0, NULL, 0);
INSERT INTO contacts (contact_id, customer_id, contact_at, team, channel, reason, note, order_id, minutes, escalated, csat) VALUES
  ('KA1', 'A', TIMESTAMP '2025-03-02 09:00:00', 'service', 'phone', 'Billing', 'invoice', 'A2', 5, true, 2),
  ('KA2', 'A', TIMESTAMP '2025-02-02 09:00:00', 'service', 'email', 'Billing', 'copy please', 'B1', 5, false, NULL),
  ('KA3', 'A', TIMESTAMP '2025-01-11 09:00:00', 'sales', 'visit', 'Visit', 'Where is my order?', 'A1', NULL, NULL, NULL),
  ('KA4', 'A', TIMESTAMP '2025-01-12 09:00:00', 'service', 'email', 'Billing', NULL, NULL, NULL, false, 5),
  ('KY1', 'Y', TIMESTAMP '2025-01-12 10:00:00', 'service', 'email', 'backorder', NULL, NULL, NULL, false, NULL);
INSERT INTO opportunities (opportunity_id, customer_id, created_date, closed_date, amount, outcome, loss_reason, competitor, note) VALUES
  ('OA1', 'A', NULL, DATE '2025-05-01', 1000, 'lost', 'Out of stock', 'Rival', 'Went elsewhere'),
  ('OW1', 'W', NULL, DATE '2025-06-01', 300, 'won', NULL, NULL, NULL);
`;

async function exec(sql: string) {
	await withConnection(async (c) => {
		for (const s of sql.split(';').map((x) => x.trim()).filter(Boolean)) await c.run(s);
	});
}
async function sql<T = Record<string, unknown>>(text: string, params: Record<string, string>): Promise<T[]> {
	const r = await runSql<T>('reference', text, params);
	if (!r.ok) throw new Error(r.error.message);
	return r.rows;
}

beforeAll(() => exec(FIXTURE));
afterAll(() => closeInstance());

const data = { firstOrder: '2025-01-10', lastOrder: '2025-04-01' };
const pattern = keywordPattern(KW);

describe('customerDetail reads each table once', () => {
	it('sums the header from the rows it reads, as the old header query counted it', async () => {
		for (const id of ['A', 'B', 'X', 'Y', 'W', 'Z']) {
			const d = await customerDetail(id, KW, data);
			const [reference] = await sql(REFERENCE_HEADER, { id });
			expect(d, id).not.toBeNull();
			expect(d!.header, id).toEqual(reference);
		}
		const a = (await customerDetail('A', KW, data))!.header;
		// B1's line 2 is A's; A2's last line is dated after the order's first
		expect(a).toMatchObject({ in_customers: true, name: 'Alpha', lines: 4, backordered_lines: 1, first_order: '2025-01-10', last_order: '2025-03-05', contacts: 4, opportunities: 1 });
		expect((await customerDetail('X', KW, data))!.header).toMatchObject({ in_customers: false, name: null, lines: 1, contacts: 0, opportunities: 0, first_order: '2025-04-01' });
		expect((await customerDetail('Y', KW, data))!.header).toMatchObject({ in_customers: false, lines: 0, first_order: null, last_order: null, contacts: 1 });
		expect((await customerDetail('Z', KW, data))!.header).toMatchObject({ in_customers: true, annual_wallet: 5000.5, lines: 0, contacts: 0, opportunities: 0 });
		expect(await customerDetail('nobody', KW, data)).toBeNull();
	});

	it('flags contacts as the old query did, including one about another customer’s backordered order', async () => {
		const d = (await customerDetail('A', KW, data))!;
		const related = Object.fromEntries([...d.other_related, ...d.waits.flatMap((w) => w.contacts)].map((c) => [c.contact_id, c.related]));
		// KA1: its order A2 is backordered; KA2: order B1 has B's backordered line; KA3: "where is my order"
		expect(related).toEqual({ KA1: true, KA2: true, KA3: true });
		expect(d.stats).toMatchObject({ related_contacts: 3, escalations: 1, orders: 3, backordered_orders: 1 });
		const reference = await sql<{ contact_id: string; related: boolean }>(REFERENCE_CONTACTS, { id: 'A', keyword_pattern: pattern });
		expect(reference.map((c) => [c.contact_id, c.related])).toEqual([
			['KA3', true],
			['KA4', false],
			['KA2', true],
			['KA1', true]
		]);
		const current = await sql(readSql('customers/customer_contacts'), { id: 'A', keyword_pattern: pattern });
		expect(current).toEqual(reference);
	});

	it('keeps a finished page per data version and shows a data change at once', async () => {
		const first = await customerDetail('A', KW, data);
		expect(await customerDetail('A', KW, data)).toBe(first); // no query ran: the same object
		expect(await customerDetail('A', ['eta'], data)).not.toBe(first); // another keyword list, another entry

		// a new backordered order and a contact about it (row counts change, so does the data version)
		await exec(`
			INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, promised_date, ship_date, qty, unit_price, qty_backordered, backorder_filled_date, qty_cancelled) VALUES
			  ('A4', 1, 'A', 'P1', DATE '2025-04-01', NULL, NULL, 1, 40, 1, NULL, 0);
			INSERT INTO contacts (contact_id, customer_id, contact_at, team, channel, reason, note, order_id, minutes, escalated, csat) VALUES
			  ('KA5', 'A', TIMESTAMP '2025-04-02 09:00:00', 'service', 'email', 'Billing', NULL, 'A4', NULL, false, NULL)`);
		const after = (await customerDetail('A', KW, data))!;
		expect(after).not.toBe(first);
		expect(after.header).toEqual((await sql(REFERENCE_HEADER, { id: 'A' }))[0]);
		expect(after.header).toMatchObject({ lines: 5, backordered_lines: 2, last_order: '2025-04-01', contacts: 5 });
		expect(after.waits.map((w) => [w.order_id, w.state, w.contacts.map((c) => c.contact_id)])).toEqual([
			['A2', 'filled', ['KA1']],
			['A4', 'open', ['KA5']]
		]);
	});

	it('pure header: no orders gives zeros and no dates', () => {
		expect(customerHeader('Q', undefined, [], [], [])).toEqual({
			customer_id: 'Q', in_customers: false, name: null, segment: null, region: null, industry: null, sales_rep: null,
			annual_wallet: null, lines: 0, backordered_lines: 0, first_order: null, last_order: null, contacts: 0, opportunities: 0
		});
	});
});

describe('customersOverview keeps its results per data version', () => {
	const filters = { from: '2025-01-01', to: '2025-12-31' };
	it('reuses the deal lists and the ranking, and sees a new lost deal at once', async () => {
		const s = await activeScenario();
		const p = readCustomerParams(new URLSearchParams());
		const o1 = await customersOverview(filters, s, p);
		const o2 = await customersOverview(filters, s, p);
		expect(o2.deals.monthly).toBe(o1.deals.monthly);
		expect(o2.deals.reasons).toBe(o1.deals.reasons);
		expect(o1.deals.monthly).toEqual([{ month: '2025-05', deals: 1, value: 1000 }]);
		const ranked = await atRiskCustomers(filters, KW, 'score');
		expect(await atRiskCustomers(filters, KW, 'score')).toBe(ranked);

		await exec(`INSERT INTO opportunities (opportunity_id, customer_id, created_date, closed_date, amount, outcome, loss_reason, competitor, note) VALUES
			('OA2', 'A', NULL, DATE '2025-06-10', 250, 'no_bid', 'allocation', NULL, NULL)`);
		const o3 = await customersOverview(filters, s, p);
		expect(o3.deals.monthly).toEqual([
			{ month: '2025-05', deals: 1, value: 1000 },
			{ month: '2025-06', deals: 1, value: 250 }
		]);
		expect(o3.deals.rows.map((d) => d.opportunity_id)).toEqual(['OA2', 'OA1']);
		expect(o3.winloss).toMatchObject({ lost_deals: 2, lost_value: 1250 });
	});
});
