import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from '../db';
import { activeScenario } from '../assumptions/store';
import { ledgerSummary } from '../metrics/summary';
import { atRiskCustomers, customersOverview } from './overview';
import { customerDetail } from './customer';
import { readCustomerParams } from '$lib/customers/params';
import { DEFAULT_KEYWORDS as DEFAULT_KW } from '$lib/metrics/keywords';
import { GET as csvGET } from '../../../routes/customers/at-risk.csv/+server';

process.env.LEDGER_DB = ':memory:';

/**
 * Period 2025-01-01..2025-12-31; data start 2024-10-01 (EDGE), so as of 2025-12-31:
 * history (2024-09-30, 2025-09-30] = 365 days, recent (2025-09-30, 2025-12-31] = 92 days,
 * exposure (2025-06-30, 2025-12-31].
 * A: history 3650 (10/day); recent 460 (5/day) → decline 0.5; exposure 230 of 460 → 0.5; score 50;
 *    value at risk 5·365 = 1825; one open backorder (230); contacts K1 (escalated) and K2 related.
 * B: history 3650, recent 920 (10/day) → no decline: not listed. C: never backordered.
 */
const FIXTURE = `
INSERT INTO customers (customer_id, name, segment, region, sales_rep, annual_wallet) VALUES
  ('A', '=Alpha Co', 'Key', 'West', 'Rep One', 20000), ('B', 'Beta', 'Core', 'East', NULL, NULL),
  ('C', 'Gamma', 'Key', 'East', NULL, NULL), ('EDGE', 'Edge', 'Core', 'West', NULL, NULL);
INSERT INTO products (sku, category, supplier, unit_cost) VALUES ('P1', 'Valves', 'Acme', 1);
INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, promised_date, ship_date, qty, unit_price, qty_backordered, backorder_filled_date, qty_cancelled) VALUES
  ('E1', 1, 'EDGE', 'P1', DATE '2024-10-01', NULL, NULL, 1, 10, 0, NULL, 0),
  ('A1', 1, 'A', 'P1', DATE '2025-01-10', NULL, NULL, 1, 3650, 0, NULL, 0),
  ('A2', 1, 'A', 'P1', DATE '2025-10-10', NULL, NULL, 1, 230, 1, NULL, 0),
  ('A2', 2, 'A', 'P1', DATE '2025-10-10', NULL, NULL, 1, 230, 0, NULL, 0),
  ('B1', 1, 'B', 'P1', DATE '2025-03-01', NULL, NULL, 1, 3650, 0, NULL, 0),
  ('B2', 1, 'B', 'P1', DATE '2025-11-01', NULL, NULL, 1, 920, 1, DATE '2025-11-20', 0),
  ('C1', 1, 'C', 'P1', DATE '2025-04-01', NULL, NULL, 1, 100, 0, NULL, 0);
INSERT INTO contacts (contact_id, customer_id, contact_at, team, channel, reason, note, order_id, minutes, escalated, csat) VALUES
  ('K1', 'A', TIMESTAMP '2025-10-11 10:00:00', 'service', 'phone', 'Out of stock', 'Where is my order?!', 'A2', 5, true, 1),
  ('K2', 'A', TIMESTAMP '2025-10-12 10:00:00', 'sales', 'visit', 'Visit', 'Where is my order?!', NULL, NULL, false, NULL),
  ('K3', 'A', TIMESTAMP '2025-03-01 10:00:00', 'service', 'email', 'Billing', 'Invoice copy', NULL, NULL, false, 4),
  ('K4', 'B', TIMESTAMP '2025-11-02 10:00:00', 'service', 'email', 'backorder', '=cmd|calc', NULL, NULL, false, 3),
  ('K5', 'C', TIMESTAMP '2025-05-02 10:00:00', 'service', 'email', 'Billing', NULL, NULL, NULL, false, NULL);
INSERT INTO opportunities (opportunity_id, customer_id, created_date, closed_date, amount, outcome, loss_reason, competitor, note) VALUES
  ('L1', 'A', NULL, DATE '2025-05-01', 1000, 'lost', 'Out of stock', 'Rival', 'Went to a competitor with stock'),
  ('L2', 'B', NULL, DATE '2025-06-01', 500, 'no_bid', 'allocation', NULL, NULL),
  ('L3', 'C', NULL, DATE '2025-07-01', 200, 'lost', 'Price', NULL, 'Too dear'),
  ('W1', 'C', NULL, DATE '2025-07-01', 300, 'won', NULL, NULL, NULL);
`;

beforeAll(async () => {
	await withConnection(async (c) => {
		for (const s of FIXTURE.split(';').map((x) => x.trim()).filter(Boolean)) await c.run(s);
	});
});
afterAll(() => closeInstance());

const filters = { from: '2025-01-01', to: '2025-12-31' };
const params = (q = '') => readCustomerParams(new URLSearchParams(q));

describe('customersOverview', () => {
	it('takes its wallet and deal figures from the ledger summary', async () => {
		const scenario = await activeScenario();
		const [o, s] = await Promise.all([customersOverview(filters, scenario, params()), ledgerSummary(filters, scenario)]);
		expect(o.wallet_summary).toEqual(s.wallet);
		expect(o.winloss).toEqual(s.winloss);
		expect(o.winloss).toMatchObject({ lost_deals: 2, lost_value: 1500 });
		expect(o.wallet.event_study).toHaveLength(13);
	});

	it('lists the deals lost to availability newest first, with reasons and a monthly trend', async () => {
		const o = await customersOverview(filters, await activeScenario(), params());
		expect(o.deals.rows.map((d) => d.opportunity_id)).toEqual(['L2', 'L1']);
		expect(o.deals).toMatchObject({ total: 2, page: 1, pages: 1 });
		expect(o.deals.rows[1]).toMatchObject({ name: '=Alpha Co', competitor: 'Rival', note: 'Went to a competitor with stock' });
		expect(o.deals.monthly).toEqual([
			{ month: '2025-05', deals: 1, value: 1000 },
			{ month: '2025-06', deals: 1, value: 500 }
		]);
		expect(o.deals.reasons.map((r) => [r.reason, r.deals])).toEqual([
			['Out of stock', 1],
			['allocation', 1]
		]);
		const page2 = await customersOverview(filters, await activeScenario(), params('dp=2'));
		expect(page2.deals.rows).toEqual([]);
		expect(page2.deals.total).toBe(2);
	});

	it('ranks at-risk customers by the hand-computed score', async () => {
		const o = await customersOverview(filters, await activeScenario(), params());
		expect(o.at_risk.total).toBe(1);
		const a = o.at_risk.rows[0];
		expect(a).toMatchObject({ customer_id: 'A', history_days: 365, recent_days: 92, exposure: 0.5, decline: 0.5, open_backorders: 1, open_value: 230, contacts: 2, escalations: 1, last_incident: '2025-10-10' });
		expect(a.score).toBeCloseTo(50, 9);
		expect(a.value_at_risk).toBeCloseTo(1825, 9);
		// a customer filter that excludes A leaves nobody
		expect(await atRiskCustomers({ ...filters, segment: 'Core' }, DEFAULT_KW, 'score')).toEqual([]);
	});

	it('quotes each distinct backorder note once, most telling first, filterable', async () => {
		const s = await activeScenario();
		const o = await customersOverview(filters, s, params());
		expect(o.voice.rows.map((v) => [v.id, v.said, v.customers])).toEqual([
			['K1', 2, 1],
			['L1', 1, 1],
			['K4', 1, 1]
		]);
		const sales = await customersOverview(filters, s, params('vteam=sales'));
		expect(sales.voice.rows.map((v) => v.id)).toEqual(['K2']);
		const deals = await customersOverview(filters, s, params('vteam=deals'));
		expect(deals.voice.rows.map((v) => v.id)).toEqual(['L1']);
		const search = await customersOverview(filters, s, params("vq=COMPETITOR'--"));
		expect(search.voice.rows).toEqual([]);
		const found = await customersOverview(filters, s, params('vq=competitor'));
		expect(found.voice.rows.map((v) => v.id)).toEqual(['L1']);
		const channel = await customersOverview(filters, s, params('vchannel=phone'));
		expect(channel.voice.rows.map((v) => v.id)).toEqual(['K1']);
	});
});

describe('customerDetail', () => {
	const data = { firstOrder: '2024-10-01', lastOrder: '2025-11-01' };
	it('builds the timeline, waits and the contacts a backorder caused', async () => {
		const d = (await customerDetail('A', DEFAULT_KW, data))!;
		expect(d.header).toMatchObject({ name: '=Alpha Co', lines: 3, backordered_lines: 1, contacts: 3, opportunities: 1 });
		expect(d.waits).toHaveLength(1);
		expect(d.waits[0]).toMatchObject({ order_id: 'A2', state: 'open', end: '2025-11-01', days: 22 });
		expect(d.waits[0].contacts.map((c) => c.contact_id)).toEqual(['K1']);
		expect(d.other_related.map((c) => c.contact_id)).toEqual(['K2']);
		expect(d.events.filter((e) => e.lane === 'Escalations').map((e) => e.id)).toEqual(['K1:esc']);
		expect(d.events.find((e) => e.id === 'K2')).toMatchObject({ lane: 'Sales contacts', visit: true, related: true });
		expect(d.spend.t0).toBe('2025-10');
		expect(d.spend.months).toHaveLength(14);
		expect(d.verbatims.list.map((v) => v.id)).toEqual(['K2', 'K1', 'L1', 'K3']);
		expect(d.stats).toMatchObject({ orders: 2, backordered_orders: 1, open_backorders: 1, related_contacts: 2, escalations: 1, lost_deals: 1 });
	});
	it('shows a customer with no backorders and no notes', async () => {
		const d = (await customerDetail('C', DEFAULT_KW, data))!;
		expect(d.waits).toEqual([]);
		expect(d.spend.t0).toBeNull();
		expect(d.verbatims.list.map((v) => v.id)).toEqual(['L3']);
		expect(d.events.map((e) => e.lane)).toEqual(['Orders', 'Service contacts', 'Opportunities', 'Opportunities']);
	});
	it('knows no unknown customer', async () => {
		expect(await customerDetail('nope', DEFAULT_KW, data)).toBeNull();
		expect(await customerDetail("A' OR '1'='1", DEFAULT_KW, data)).toBeNull();
		expect(await customerDetail('', DEFAULT_KW, data)).toBeNull();
	});
});

describe('GET /customers/at-risk.csv', () => {
	it('streams the ranked list with formula-looking text neutralised', async () => {
		const url = new URL('http://x/customers/at-risk.csv?from=2025-01-01&to=2025-12-31');
		const res = await csvGET({ url } as Parameters<typeof csvGET>[0]);
		expect(res.headers.get('content-type')).toContain('text/csv');
		expect(res.headers.get('content-disposition')).toContain('at-risk-customers-2025-01-01-to-2025-12-31.csv');
		const text = await res.text();
		const lines = text.replace(/^\ufeff/, '').trim().split('\r\n');
		expect(lines[0].startsWith('rank,customer_id,name,')).toBe(true);
		expect(lines).toHaveLength(2);
		expect(lines[1].startsWith("1,A,'=Alpha Co,Key,West,Rep One,50,0.5,0.5,1825,")).toBe(true);
	});
});
