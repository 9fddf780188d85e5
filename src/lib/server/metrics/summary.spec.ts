import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from '../db';
import { GET } from '../../../routes/api/summary/+server';
import { summaryResponse, type LedgerSummary } from './summary';
import { createScenario, editScenario, resetScenario } from '../assumptions/store';
import { METRIC_DEFINITIONS } from '$lib/metrics/definitions';
import { readSql } from '../db';

/**
 * A hand-made data set where every figure is computable by hand; period 2025-01-01..2025-03-31 (90 days).
 * Order lines in period: O1/1, O1/2, O2/1 (on the last day), O3/1; O4 (2024-12-31) and O5 (2025-04-01) fall
 * just outside. Gross margin: cost 60+60+30+120 = 270 over revenue 450 → 0.4.
 */
const FIXTURE_SQL = `
INSERT INTO customers (customer_id, name, segment, region) VALUES
  ('C1', 'Alpha', 'Key', 'West'), ('C2', 'Beta', 'Core', 'East'), ('C3', 'Gamma', 'Key', 'East');
INSERT INTO products (sku, category, supplier, unit_cost) VALUES
  ('P1', 'Valves', 'Acme', 6), ('P2', 'Pumps', 'Bolt', 30);
INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, promised_date, ship_date, qty, unit_price, qty_backordered, backorder_filled_date, qty_cancelled) VALUES
  ('O1', 1, 'C1', 'P1', DATE '2025-01-01', DATE '2025-01-05', DATE '2025-01-04', 10, 10, 0, NULL, 0),
  ('O1', 2, 'C1', 'P2', DATE '2025-01-01', DATE '2025-01-05', DATE '2025-01-04', 2, 50, 1, DATE '2025-01-11', 0),
  ('O2', 1, 'C2', 'P1', DATE '2025-03-31', DATE '2025-04-02', NULL, 5, 10, 5, NULL, 2),
  ('O3', 1, 'C3', 'P2', DATE '2025-02-15', DATE '2025-02-20', DATE '2025-02-16', 4, 50, 2, DATE '2025-02-18', 0),
  ('O4', 1, 'C2', 'P1', DATE '2024-12-31', NULL, NULL, 100, 10, 10, NULL, 0),
  ('O5', 1, 'C1', 'P1', DATE '2025-04-01', NULL, NULL, 1, 10, 1, NULL, 0),
  ('O6', 1, 'C1', 'P2', DATE '2024-06-01', NULL, DATE '2024-06-02', 1, 50, 0, NULL, 0);
INSERT INTO contacts (contact_id, customer_id, contact_at, team, channel, reason, note, order_id, minutes, escalated, csat) VALUES
  ('K1', 'C1', TIMESTAMP '2025-01-01 00:00:00', 'service', 'phone', 'ETA?', NULL, NULL, 5, true, 2),
  ('K2', 'C2', TIMESTAMP '2025-03-31 23:59:59', 'service', 'email', 'billing', NULL, 'O2', NULL, false, NULL),
  ('K3', 'C2', TIMESTAMP '2025-02-01 10:00:00', 'service', 'chat', 'beta program', 'metadata', 'O6', NULL, false, 5),
  ('K4', 'C3', TIMESTAMP '2025-04-01 00:00:00', 'service', 'phone', 'backorder', NULL, NULL, NULL, false, NULL),
  ('K5', 'C1', TIMESTAMP '2025-02-10 09:00:00', 'service', 'portal', 'other', 'stock-out again', 'O5', NULL, false, NULL),
  ('K6', 'C1', TIMESTAMP '2024-12-31 23:59:59', 'service', 'phone', 'backorder', NULL, NULL, NULL, false, NULL),
  ('K7', 'C3', TIMESTAMP '2025-03-01 12:00:00', 'service', 'visit', 'where is', 'my order', NULL, NULL, false, NULL),
  ('K8', 'C3', TIMESTAMP '2025-03-02 12:00:00', 'service', 'phone', NULL, NULL, 'O4', NULL, false, NULL),
  ('S1', 'C1', TIMESTAMP '2025-01-15 08:00:00', 'sales', 'phone', 'Expedite', NULL, NULL, 30, false, 4),
  ('S2', 'C2', TIMESTAMP '2025-02-15 08:00:00', 'sales', 'visit', NULL, 'Back order follow-up', NULL, NULL, false, NULL),
  ('S3', 'C3', TIMESTAMP '2025-03-15 08:00:00', 'sales', 'email', 'new quote', NULL, NULL, 45, false, NULL),
  ('S4', 'C1', TIMESTAMP '2025-03-20 08:00:00', 'sales', 'chat', 'follow up', NULL, 'O3', NULL, false, NULL);
INSERT INTO opportunities (opportunity_id, customer_id, closed_date, amount, outcome, loss_reason, note) VALUES
  ('L1', 'C1', DATE '2025-01-01', 1000, 'lost', 'Lead time too long', NULL),
  ('L2', 'C2', DATE '2025-03-31', 500, 'no_bid', NULL, 'allocation issue'),
  ('L3', 'C3', DATE '2025-04-01', 9999, 'lost', 'stockout', NULL),
  ('W1', 'C1', DATE '2025-02-01', 700, 'won', NULL, 'won despite backorder');
INSERT INTO opportunities (opportunity_id, customer_id, closed_date, amount, outcome, loss_reason)
  SELECT 'W' || (i + 2), 'C2', DATE '2025-02-01', 100, 'won', NULL FROM range(9) t(i)
  UNION ALL SELECT 'X' || i, 'C2', DATE '2025-02-01', 100, 'lost', 'price' FROM range(10) t(i);
INSERT INTO inventory_snapshots (snapshot_date, sku, on_hand_qty, unit_cost) VALUES
  (DATE '2024-10-01', 'P1', 100, NULL), (DATE '2024-10-01', 'P2', 20, 25),
  (DATE '2024-12-29', 'P1', 100, NULL), (DATE '2024-12-29', 'P2', 20, NULL),
  (DATE '2024-12-30', 'P1', 1000, NULL),
  (DATE '2025-01-01', 'P1', 50, NULL), (DATE '2025-01-01', 'P2', 10, NULL),
  (DATE '2025-03-31', 'P1', 50, NULL),
  (DATE '2025-04-01', 'P1', 999, NULL);
`;


const P = 'from=2025-01-01&to=2025-03-31';
const RESAMPLES = {};

async function summary(q: string): Promise<LedgerSummary> {
	const r = await summaryResponse(new URLSearchParams(q), RESAMPLES);
	if (r.status !== 200) throw new Error(JSON.stringify(r.body));
	return r.body;
}

beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	await withConnection((c) => c.run(FIXTURE_SQL));
});
afterAll(() => closeInstance());

describe('orders, cancellations, service KPIs', () => {
	it('counts the period inclusively', async () => {
		const s = await summary(P);
		expect(s.period).toEqual({ from: '2025-01-01', to: '2025-03-31', days: 90 });
		expect(s.orders).toMatchObject({ lines: 4, backordered_lines: 3, ordered_value: 450, backordered_value: 200, backordered_qty: 8 });
		expect(s.orders.line_fill_rate).toBeCloseTo(0.25, 12);
		expect(s.orders.value_fill_rate).toBeCloseTo(1 - 200 / 450, 12);
		expect(s.orders.avg_backorder_days).toBeCloseTo(6.5, 12); // (10 + 3) / 2; O2 is open
		expect(s.orders.p90_backorder_days).toBeCloseTo(9.3, 12);
		expect(s.gross_margin).toBeCloseTo(0.4, 12);
		expect(s.gross_margin_source).toBe('data');
		expect(s.cancellations.value).toBe(20);
		expect(s.cancellations.lost_margin).toBeCloseTo(8, 10);
	});

	it('ages backorders open at the period end', async () => {
		const s = await summary(P);
		// O2: 3 of 5 left after 2 cancelled, ordered on the last day; O4: ordered 90 days before the end
		expect(s.orders.open_backorders).toEqual({
			lines: 2,
			value: 130,
			aging: [
				{ bucket: '0-30', lines: 1, value: 30 },
				{ bucket: '61-90', lines: 1, value: 100 }
			]
		});
	});

	it('measures OTIF, backorder promise accuracy and CSAT', async () => {
		const k = (await summary(P)).service_kpis;
		expect(k.otif).toBeCloseTo(0.25, 12); // only O1/1 of the 4 promised lines
		expect(k.backorder_promise_accuracy).toBeCloseTo(1 / 3, 12); // O3 kept; O1/2 late; O2 open
		expect(k.csat_backorder).toEqual({ mean: 3, responses: 2 }); // K1 2, S1 4
		expect(k.csat_other).toEqual({ mean: 5, responses: 1 }); // K3
	});
});

describe('contacts', () => {
	it('counts backorder-related service contacts by keyword or linked order, priced by channel', async () => {
		const s = await summary(P);
		// K1 phone "ETA?" escalated, K2 email about O2, K5 portal "stock-out" (O5 backordered after the
		// period still links), K8 phone about O4; not K3 (beta/metadata, order without backorder), K7
		// ("where is" + "my order" across reason and note), K4/K6 (outside the period)
		expect(s.service.backorder_contacts).toBe(4);
		expect(s.service.escalated).toBe(1);
		expect(s.service.cost).toBeCloseTo(8 + 25 + 6 + 0.1 + 8, 10);
		expect(s.service.by_channel.phone).toEqual({ contacts: 2, escalated: 1, cost: 41 });
	});

	it('prices sales time with default minutes where none were recorded', async () => {
		const s = await summary(P);
		// S1 phone 30 min; S2 visit, no minutes → 90; S4 chat about O3, no minutes → 10; not S3
		expect(s.sales.backorder_activities).toBe(3);
		expect(s.sales.hours).toBeCloseTo(130 / 60, 12);
		expect(s.sales.cost).toBeCloseTo((130 / 60) * 75, 8);
		expect(s.sales.opportunity_cost).toBeCloseTo((130 / 60) * 150, 8);
		expect(s.sales.activities_with_default_minutes).toBe(2);
	});
});

describe('deals lost and holding', () => {
	it('uses the period win rate with 20 or more decided', async () => {
		const w = (await summary(P)).winloss;
		// decided: won W1..W10 = 10, lost L1 + X0..X9 = 11; related lost/no_bid in period: L1, L2
		expect(w).toMatchObject({ lost_deals: 2, lost_value: 1500, decided_opportunities: 21, win_rate_source: 'data' });
		expect(w.win_rate).toBeCloseTo(10 / 21, 12);
		expect(w.expected_lost_margin).toBeCloseTo(1500 * (10 / 21) * 0.4, 8);
	});

	it('prices a customer filter\'s deals at the period\'s win rate over all customers', async () => {
		const w = (await summary(`${P}&segment=Key`)).winloss;
		expect(w).toMatchObject({ lost_deals: 1, lost_value: 1000, decided_opportunities: 21, win_rate_source: 'data' });
		expect(w.expected_lost_margin).toBeCloseTo(1000 * (10 / 21) * 0.4, 8);
	});

	it('falls back to a 0.30 win rate with fewer than 20 decided', async () => {
		const w = (await summary('from=2025-01-01&to=2025-01-31')).winloss;
		// L1 lost, nothing won: 1 decided
		expect(w).toMatchObject({ lost_deals: 1, lost_value: 1000, decided_opportunities: 1, win_rate: 0.3, win_rate_source: 'fallback' });
	});

	it('compares the period inventory with the first 90 days of snapshots', async () => {
		const h = (await summary(P)).holding;
		// baseline: 2024-10-01 (600 + 20·25) and 2024-12-29 (600 + 600), not 2024-12-30 (day 91)
		expect(h).toMatchObject({ baseline_value: 1150, period_value: 450, baseline_snapshots: 2, period_snapshots: 2, baseline_from: '2024-10-01', baseline_to: '2024-12-29' });
		expect(h.savings).toBeCloseTo((700 * 0.25 * 90) / 365, 8);
	});

	it('has negative savings and no cost per dollar saved when the period carries more', async () => {
		const s = await summary('from=2024-12-30&to=2024-12-30');
		expect(s.holding.period_value).toBe(6000);
		expect(s.holding.savings).toBeCloseTo(((1150 - 6000) * 0.25) / 365, 8);
		expect(s.cost_per_dollar_saved).toBeNull();
		expect(s.net_cost).toBeCloseTo(s.total_backorder_cost - s.holding.savings!, 8);
	});
});

describe('result cache', () => {
	it('answers a repeated request from the cache, with the same figures', async () => {
		const a = await summary(`${P}&region=West`);
		const b = await summary(`${P}&region=West`);
		// nothing was computed for the repeat: its timings say so instead of repeating the first one's
		expect(Object.keys(a.timings_ms)).toEqual(expect.arrayContaining(['orders', 'contacts', 'wallet']));
		expect(b.timings_ms).toEqual({ cached: expect.any(Number) });
		const { timings_ms: _a, ...ra } = a;
		const { timings_ms: _b, ...rb } = b;
		expect(rb).toEqual(ra);
	});
});

describe('totals', () => {
	it('add the six costs and divide by the savings, leaving out a wallet loss that cannot be estimated', async () => {
		const s = await summary(P);
		// a 3-month period of this small fixture: n/a with the reason, not a $0 wallet loss
		expect(s.wallet).toMatchObject({ did_pct: null, lost_revenue: null, lost_margin: null });
		expect(s.wallet.not_estimable).toBe('no first backorder in the period has 6 full months of data before and after it');
		expect(s.wallet_not_estimable).toBe(s.wallet.not_estimable);
		const total = 47.1 + (130 / 60) * 225 + 8 + 1500 * (10 / 21) * 0.4;
		const savings = (700 * 0.25 * 90) / 365;
		expect(s.total_backorder_cost).toBeCloseTo(total, 6);
		expect(s.net_cost).toBeCloseTo(total - savings, 6);
		expect(s.cost_per_dollar_saved).toBeCloseTo(total / savings, 6);
	});
});

describe('filters', () => {
	it('restrict order lines by customer and product', async () => {
		expect((await summary(`${P}&segment=Key`)).orders).toMatchObject({ lines: 3, backordered_lines: 2, ordered_value: 400 });
		expect((await summary(`${P}&region=East`)).orders).toMatchObject({ lines: 2, ordered_value: 250 });
		expect((await summary(`${P}&category=Pumps`)).orders).toMatchObject({ lines: 2, backordered_lines: 2, ordered_value: 300 });
		expect((await summary(`${P}&supplier=Acme&segment=Core`)).orders).toMatchObject({ lines: 1, ordered_value: 50 });
	});

	it('restrict contacts through the customer, and through the order for product filters', async () => {
		expect((await summary(`${P}&segment=Key`)).service.backorder_contacts).toBe(3); // K1, K5, K8
		// Pumps orders: O1, O3, O6 → only S4 (about O3) among backorder-related contacts
		const pumps = await summary(`${P}&category=Pumps`);
		expect(pumps.service.backorder_contacts).toBe(0);
		expect(pumps.sales.backorder_activities).toBe(1);
		// contacts with no order cannot be placed on a product: K1 (phone, escalated); S1 30 min, S2 visit 90
		expect(pumps.scope.components.service).toMatchObject({ status: 'attributed', not_attributable: 33 });
		expect(pumps.scope.components.sales.not_attributable).toBeCloseTo(2 * (75 + 150), 8);
	});

	it('restrict inventory by product filters; a customer filter takes its share of the cost of goods', async () => {
		// all Pumps lines of the period are Key customers' (O1/2 C1, O3 C3): share 1
		const key = (await summary(`${P}&category=Pumps&segment=Key`)).holding;
		expect(key.baseline_value).toBe(550); // (500 + 600) / 2
		expect(key.period_value).toBe(150); // (300 + 0) / 2: P2 has no row on 2025-03-31
		expect(key.attributed_share).toBe(1);
		const core = (await summary(`${P}&category=Pumps&segment=Core`)).holding;
		expect(core).toMatchObject({ baseline_value: 0, period_value: 0, savings: 0, attributed_share: 0 });
		// Key's cost of goods: O1 60 + 60, O3 120 of 270
		const seg = (await summary(`${P}&segment=Key`)).holding;
		expect(seg.attributed_share).toBeCloseTo(240 / 270, 12);
		expect(seg.savings).toBeCloseTo((((700 * 240) / 270) * 0.25 * 90) / 365, 8);
	});

	it('select nothing for well-formed unknown values', async () => {
		const s = await summary(`${P}&segment=Nope`);
		expect(s.orders).toMatchObject({ lines: 0, line_fill_rate: null, value_fill_rate: null, avg_backorder_days: null });
		expect(s.service.backorder_contacts).toBe(0);
		// priced at the period's margin over all lines; the filter's own cannot be computed
		expect(s.gross_margin).toBeCloseTo(0.4, 12);
		expect(s.scope.rates.gross_margin_in_filter).toBeNull();
	});
});

describe('scope under filters', () => {
	it('leaves deals out of a product filter\'s total and shows their amount beside it', async () => {
		const all = await summary(P);
		const acme = await summary(`${P}&supplier=Acme`);
		expect(acme.winloss).toMatchObject({ lost_deals: null, lost_value: null, expected_lost_margin: null });
		expect(acme.scope.components.winloss).toMatchObject({ status: 'not_attributable', not_attributable: all.winloss.expected_lost_margin });
		const inTotal =
			acme.service.cost + acme.sales.cost + acme.sales.opportunity_cost + acme.cancellations.lost_margin + (acme.wallet.lost_margin ?? 0);
		expect(acme.total_backorder_cost).toBeCloseTo(inTotal, 8);
		expect(acme.scope.not_attributable_total).toBeCloseTo(
			acme.scope.components.winloss.not_attributable! + acme.scope.components.service.not_attributable! + acme.scope.components.sales.not_attributable!,
			8
		);
	});

	it('labels every component for the filters set', async () => {
		expect((await summary(P)).scope.components.holding.status).toBe('unfiltered');
		const s = await summary(`${P}&segment=Key`);
		expect(s.scope.filters).toEqual({ customer: ['segment'], product: [] });
		expect(s.scope.components.orders.status).toBe('filtered');
		expect(s.scope.components.holding.status).toBe('attributed');
		expect(s.scope.components.wallet.status).toBe('attributed');
		expect(s.scope.components.winloss.status).toBe('filtered');
		const both = await summary(`${P}&segment=Key&category=Pumps`);
		expect(both.scope.components.service.status).toBe('attributed');
		expect(both.scope.components.winloss.status).toBe('not_attributable');
		expect(both.scope.components.service.rules).toHaveLength(2);
	});

	it('prices every slice at the period\'s gross margin over all lines', async () => {
		const core = await summary(`${P}&segment=Core`);
		// Core: O2 only, cost 30 on revenue 50 → its own margin 0.4 too; Pumps: cost 180 on 300 → 0.4
		expect(core.gross_margin).toBeCloseTo(0.4, 12);
		expect(core.cancellations.lost_margin).toBeCloseTo(20 * 0.4, 10);
	});
});

describe('methodology definitions', () => {
	it('name only figures the summary has, and query files that exist', async () => {
		const s = (await summary(P)) as unknown as Record<string, unknown>;
		for (const d of METRIC_DEFINITIONS) {
			const v = d.key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], s);
			expect(v, d.key).not.toBeUndefined();
			if (d.query) expect(() => readSql(d.query!), d.query).not.toThrow();
		}
	});
});

describe('GET /api/summary', () => {
	const get = async (q: string) => {
		const res = await GET({ url: new URL(`http://x/api/summary${q}`) } as never);
		return { status: res.status, body: await res.json() };
	};

	it('answers the §6 shape with plain numbers', async () => {
		const { status, body } = await get(`?${P}`);
		expect(status).toBe(200);
		const keys = {
			orders: ['lines', 'backordered_lines', 'line_fill_rate', 'ordered_value', 'backordered_value', 'value_fill_rate', 'avg_backorder_days'],
			service: ['backorder_contacts', 'cost'],
			sales: ['backorder_activities', 'hours', 'cost', 'opportunity_cost'],
			cancellations: ['value', 'lost_margin'],
			wallet: ['treated_customers', 'did_pct', 'did_low', 'did_high', 'lost_revenue', 'lost_margin'],
			winloss: ['lost_deals', 'lost_value', 'expected_lost_margin'],
			holding: ['baseline_value', 'period_value', 'savings']
		};
		for (const [block, ks] of Object.entries(keys)) {
			for (const k of ks) {
				expect(body[block], `${block}.${k}`).toHaveProperty(k);
				const v = body[block][k];
				expect(v === null || typeof v === 'number', `${block}.${k} = ${v}`).toBe(true);
			}
		}
		for (const k of ['gross_margin', 'total_backorder_cost', 'net_cost', 'cost_per_dollar_saved']) expect(typeof body[k]).toBe('number');
		expect(body.scenario.name).toBe('default');
		expect(body.assumptions.carrying_rate).toBe(0.25);
		expect(body.filters).toEqual({ segment: null, region: null, category: null, supplier: null, sales_rep: null, customer: null, sku: null });
		expect(body.empty).toBe(false);
	});

	it('defaults to the 12 months ending with the last order month (whole range when shorter)', async () => {
		const { status, body } = await get('');
		expect(status).toBe(200);
		expect(body.period).toEqual({ from: '2024-06-01', to: '2025-04-30', days: 334 });
		expect(body.orders.lines).toBe(7);
		expect((await get('?from=2025-04-01')).body.period).toEqual({ from: '2025-04-01', to: '2025-04-30', days: 30 });
	});

	it.each([
		['?from=2025-13-01', '"from" is not a real date: 2025-13-01'],
		['?from=2025-02-29', '"from" is not a real date: 2025-02-29'],
		['?to=31/03/2025', '"to" must be a date YYYY-MM-DD, got "31/03/2025"'],
		['?from=2025-03-01&to=2025-02-01', '"from" (2025-03-01) is after "to" (2025-02-01)'],
		['?from=2026-01-01', '"from" (2026-01-01) is after "to" (2025-04-30)'],
		['?colour=red', 'unknown parameter "colour"; allowed: from, to, segment, region, category, supplier, sales_rep, customer, sku, scenario, compare_from, compare_to'],
		[`?segment=${'k'.repeat(201)}`, 'parameter "segment" is longer than 200 characters'],
		['?scenario=nope', 'no scenario named "nope"; saved scenarios: default'],
		['?compare_from=2025-01-01', 'give both "compare_from" and "compare_to", or neither'],
		['?compare_from=2025-01-01&compare_to=2025-02-30', '"compare_to" must be a real date YYYY-MM-DD, got "2025-02-30"'],
		['?compare_from=2025-03-01&compare_to=2025-01-01', '"compare_from" (2025-03-01) is after "compare_to" (2025-01-01)']
	])('answers 400 for %s', async (q, error) => {
		expect(await get(q)).toEqual({ status: 400, body: { error } });
	});
});

describe('a second period (compare_from/compare_to)', () => {
	const get = async (q: string) => {
		const res = await GET({ url: new URL(`http://x/api/summary${q}`) } as never);
		return { status: res.status, body: await res.json() };
	};
	it('adds the same figures for the second period, with this period minus that one', async () => {
		const both = await get('?from=2025-04-01&to=2025-04-30&compare_from=2024-06-01&compare_to=2025-03-31');
		expect(both.status).toBe(200);
		const body = both.body;
		const first = (await get('?from=2025-04-01&to=2025-04-30')).body;
		const second = (await get('?from=2024-06-01&to=2025-03-31')).body;
		expect(body.total_backorder_cost).toBe(first.total_backorder_cost);
		expect(body.compare.period).toEqual(second.period);
		expect(body.compare.total_backorder_cost).toBe(second.total_backorder_cost);
		expect(body.compare.orders.lines).toBe(second.orders.lines);
		expect(body.compare.deltas.total_backorder_cost).toBeCloseTo(first.total_backorder_cost - second.total_backorder_cost, 8);
		expect(body.compare.deltas['orders.lines']).toBe(first.orders.lines - second.orders.lines);
		expect(first.orders.lines + second.orders.lines).toBe(7); // the two periods split the fixture's lines
		expect(first).not.toHaveProperty('compare');
	});
});

describe('assumption edits move the figures', () => {
	it('doubling the phone cost doubles the phone part of the service cost', async () => {
		const before = await summary(P);
		await editScenario({ channel_cost: { phone: 16 } });
		const after = await summary(P);
		expect(after.service.by_channel.phone.cost - before.service.by_channel.phone.cost).toBeCloseTo(2 * 8, 10);
		expect(after.service.cost - before.service.cost).toBeCloseTo(16, 10);
		expect(after.total_backorder_cost - before.total_backorder_cost).toBeCloseTo(16, 8);
		await resetScenario();
		expect((await summary(P)).service.cost).toBeCloseTo(before.service.cost, 10);
	});

	it('keywords, baseline window and carrying rate are read per scenario', async () => {
		await createScenario('Narrow', { keywords: ['eta'], baseline_days: 1, carrying_components: { capital: 0.35 } });
		const s = await summary(`${P}&scenario=Narrow`);
		expect(s.scenario.name).toBe('Narrow');
		expect(s.service.backorder_contacts).toBe(4); // K1 by keyword; K2, K5, K8 by their orders
		expect(s.sales.backorder_activities).toBe(1); // only S4, by order
		expect(s.winloss.lost_deals).toBe(0);
		expect(s.holding.baseline_value).toBe(1100); // first day only
		expect(s.holding.savings).toBeCloseTo(((1100 - 450) * 0.5 * 90) / 365, 8);
		expect((await summary(P)).scenario.name).toBe('default');
	});
});

describe('tables whose dates do not meet the orders', () => {
	it('are flagged in data_notes, and only while they do not overlap', async () => {
		const overlapNotes = (s: LedgerSummary) => s.data_notes.filter((n) => n.startsWith('opportunities ('));
		expect(overlapNotes(await summary(P))).toEqual([]);
		// every opportunity moved years after the last order line (2025-04-01), as a load would: with the
		// load counter bumped, so no cached figure of the old data answers
		const bump = `UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version';`;
		await withConnection((c) => c.run(`UPDATE opportunities SET closed_date = closed_date + INTERVAL 3 YEAR; ${bump}`));
		try {
			const notes = overlapNotes(await summary('from=2024-06-01&to=2025-04-01'));
			expect(notes).toEqual([
				'opportunities (2028-01-01 – 2028-04-01) begins after the orders end (order_lines 2024-06-01 – 2025-04-01): deals lost to availability belong to another period than the orders.'
			]);
		} finally {
			await withConnection((c) => c.run(`UPDATE opportunities SET closed_date = closed_date - INTERVAL 3 YEAR; ${bump}`));
		}
		expect(overlapNotes(await summary(P))).toEqual([]);
	});
});

describe('an empty database', () => {
	it('answers 200 with zeros, nulls and empty: true', async () => {
		await withConnection((c) =>
			c.run(['order_lines', 'contacts', 'opportunities', 'inventory_snapshots', 'products', 'customers'].map((t) => `DELETE FROM ${t};`).join('\n'))
		);
		const { status, body } = await summaryResponse(new URLSearchParams(''), RESAMPLES);
		expect(status).toBe(200);
		const b = body as LedgerSummary;
		expect(b.empty).toBe(true);
		expect(b.period).toEqual({ from: null, to: null, days: null });
		expect(b.orders).toMatchObject({ lines: 0, backordered_lines: 0, line_fill_rate: null, ordered_value: 0 });
		expect(b.service).toMatchObject({ backorder_contacts: 0, cost: 0 });
		expect(b.holding).toMatchObject({ baseline_value: null, period_value: null, savings: null });
		expect(b).toMatchObject({ total_backorder_cost: 0, net_cost: 0, cost_per_dollar_saved: null, gross_margin: 0.3 });
		const given = await summaryResponse(new URLSearchParams(P), RESAMPLES);
		expect(given.status).toBe(200);
		expect((given.body as LedgerSummary).empty).toBe(true);
		expect((given.body as LedgerSummary).period).toEqual({ from: '2025-01-01', to: '2025-03-31', days: 90 });
	});
});

describe('GET /api/assumptions/keywords', () => {
	it('lists matched reason values with counts and keywords', async () => {
		await withConnection((c) => c.run(FIXTURE_SQL));
		const { GET: keywordsGet } = await import('../../../routes/api/assumptions/keywords/+server');
		const res = await keywordsGet({ url: new URL(`http://x/api/assumptions/keywords?${P}`) } as never);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.matches).toEqual([
			{ source: 'contacts', field: 'note', value: null, rows: 2, keywords: [] }, // K5 stock-out, S2 back order
			{ source: 'contacts', field: 'reason', value: 'ETA?', rows: 1, keywords: ['eta'] },
			{ source: 'contacts', field: 'reason', value: 'Expedite', rows: 1, keywords: ['expedite'] },
			{ source: 'opportunities', field: 'loss_reason', value: 'Lead time too long', rows: 1, keywords: ['lead time'] },
			{ source: 'opportunities', field: 'note', value: null, rows: 2, keywords: [] } // L2 allocation, W1 backorder
		]);
	});
});
