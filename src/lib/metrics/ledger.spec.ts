import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS, resolveAssumptions } from './assumptions';
import {
	cancellationFigures,
	grossMargin,
	holdingFigures,
	ordersFigures,
	salesFigures,
	serviceFigures,
	serviceKpis,
	totals,
	winLossFigures,
	type ContactGroupRow,
	type OrdersRow
} from './ledger';

const A = resolveAssumptions(DEFAULT_ASSUMPTIONS);

const orders: OrdersRow = {
	lines: 200,
	backordered_lines: 20,
	ordered_value: 100_000,
	backordered_value: 8_000,
	backordered_qty: 400,
	avg_backorder_days: 12.5,
	p90_backorder_days: 30,
	filled_backorder_lines: 15,
	cancelled_lines: 4,
	cancelled_value: 1_000,
	promised_lines: 150,
	otif_lines: 120,
	promised_backorder_lines: 10,
	kept_backorder_promises: 4,
	cost_of_goods: 56_000,
	costed_revenue: 80_000
};

const g = (team: string, channel: string, related: boolean, o: Partial<ContactGroupRow> = {}): ContactGroupRow => ({
	team,
	channel,
	backorder_related: related,
	contacts: 0,
	escalated: 0,
	minutes: 0,
	minutes_missing: 0,
	csat_sum: 0,
	csat_count: 0,
	...o
});

const contacts: ContactGroupRow[] = [
	g('service', 'phone', true, { contacts: 10, escalated: 2, csat_sum: 20, csat_count: 8 }),
	g('service', 'portal', true, { contacts: 100 }),
	g('service', 'phone', false, { contacts: 50, escalated: 5, csat_sum: 80, csat_count: 20 }),
	g('sales', 'visit', true, { contacts: 3, minutes: 120, minutes_missing: 1, csat_sum: 3, csat_count: 1 }),
	g('sales', 'phone', true, { contacts: 4, minutes: 0, minutes_missing: 4 }),
	g('sales', 'email', false, { contacts: 9, minutes: 900 }),
	g('service', 'carrier pigeon', true, { contacts: 1 })
];

describe('orders', () => {
	it('computes fill rates and open backorders', () => {
		const f = ordersFigures(orders, [
			{ bucket: '0-30', lines: 2, value: 100 },
			{ bucket: '90+', lines: 1, value: 50 }
		]);
		expect(f.line_fill_rate).toBeCloseTo(0.9, 12);
		expect(f.value_fill_rate).toBeCloseTo(0.92, 12);
		expect(f.open_backorders).toEqual({
			lines: 3,
			value: 150,
			aging: [
				{ bucket: '0-30', lines: 2, value: 100 },
				{ bucket: '90+', lines: 1, value: 50 }
			]
		});
	});

	it('has null rates, not NaN, without lines', () => {
		const f = ordersFigures({ ...orders, lines: 0, backordered_lines: 0, ordered_value: 0, backordered_value: 0 }, []);
		expect(f.line_fill_rate).toBeNull();
		expect(f.value_fill_rate).toBeNull();
		expect(f.open_backorders).toEqual({ lines: 0, value: 0, aging: [] });
	});
});

describe('gross margin and cancellations', () => {
	it('uses the data when it can and 0.30 when not', () => {
		expect(grossMargin(orders, A).value).toBeCloseTo(0.3, 12);
		expect(grossMargin(orders, A).source).toBe('data');
		expect(grossMargin({ ...orders, cost_of_goods: 60_000 }, A).value).toBeCloseTo(0.25, 12);
		expect(grossMargin({ ...orders, costed_revenue: 0 }, A)).toEqual({ value: 0.3, source: 'fallback' });
		expect(grossMargin(null, { fallback_gross_margin: 0.4 })).toEqual({ value: 0.4, source: 'fallback' });
	});

	it('prices cancelled value at the gross margin', () => {
		expect(cancellationFigures(orders, 0.25)).toEqual({ lines: 4, value: 1000, lost_margin: 250 });
	});
});

describe('service', () => {
	it('costs backorder-related service contacts by channel plus escalations', () => {
		const s = serviceFigures(contacts, A);
		// phone 10·8 + 2·25 = 130; portal 100·0.10 = 10; unknown channel priced as other: 8
		expect(s.backorder_contacts).toBe(111);
		expect(s.by_channel.phone).toEqual({ contacts: 10, escalated: 2, cost: 130 });
		expect(s.by_channel.portal.cost).toBeCloseTo(10, 10);
		expect(s.by_channel.other).toEqual({ contacts: 1, escalated: 0, cost: 8 });
		expect(s.cost).toBeCloseTo(148, 10);
		expect(s.escalation_cost).toBe(50);
	});

	it('doubles the phone part when the phone cost doubles', () => {
		const s = serviceFigures(contacts, { ...A, channel_cost: { ...A.channel_cost, phone: 16 } });
		expect(s.cost).toBeCloseTo(148 + 80, 10);
	});

	it('compares CSAT of backorder-related contacts with the rest', () => {
		const k = serviceKpis(orders, contacts);
		expect(k.otif).toBeCloseTo(0.8, 12);
		expect(k.backorder_promise_accuracy).toBeCloseTo(0.4, 12);
		expect(k.csat_backorder).toEqual({ mean: 23 / 9, responses: 9 });
		expect(k.csat_other).toEqual({ mean: 4, responses: 20 });
	});
});

describe('sales', () => {
	it('uses default minutes where minutes are missing', () => {
		const s = salesFigures(contacts, A);
		// visit: 120 recorded + 1·90 default = 210 min; phone: 4·15 = 60 min → 4.5 h
		expect(s.backorder_activities).toBe(7);
		expect(s.hours).toBeCloseTo(4.5, 12);
		expect(s.cost).toBeCloseTo(4.5 * 75, 10);
		expect(s.opportunity_cost).toBeCloseTo(4.5 * 150, 10);
		expect(s.activities_with_default_minutes).toBe(5);
		expect(s.by_channel.visit.hours).toBeCloseTo(3.5, 12);
	});
});

describe('deals lost', () => {
	const d = { opportunities: 40, won: 12, lost: 18, no_bid: 10, lost_deals: 5, lost_value: 10_000 };
	it('uses the period win rate with 20 or more decided', () => {
		const w = winLossFigures(d, 0.3, A);
		expect(w.win_rate).toBeCloseTo(0.4, 12);
		expect(w.win_rate_source).toBe('data');
		expect(w.expected_lost_margin).toBeCloseTo(10_000 * 0.4 * 0.3, 8);
	});
	it('falls back to 0.30 with fewer than 20 decided', () => {
		const w = winLossFigures({ ...d, won: 10, lost: 9 }, 0.5, A);
		expect(w.win_rate).toBe(0.3);
		expect(w.win_rate_source).toBe('fallback');
		expect(w.expected_lost_margin).toBeCloseTo(1500, 8);
		expect(winLossFigures({ ...d, won: 0, lost: 0 }, 0.5, { fallback_win_rate: 0.3, min_decided_opportunities: 0 }).win_rate).toBe(0.3);
	});
});

describe('holding and totals', () => {
	const h = { baseline_value: 1_000_000, baseline_snapshots: 13, baseline_from: '2024-11-03', baseline_to: '2025-01-26', period_value: 800_000, period_snapshots: 52 };
	it('prices the inventory reduction at the carrying rate for the period', () => {
		expect(holdingFigures(h, 365, A).savings).toBeCloseTo(50_000, 6);
		expect(holdingFigures(h, 73, A).savings).toBeCloseTo(10_000, 6);
		expect(holdingFigures({ ...h, period_value: 1_200_000 }, 365, A).savings).toBeCloseTo(-50_000, 6);
		expect(holdingFigures({ ...h, period_value: null }, 365, A).savings).toBeNull();
	});

	const parts = {
		service_cost: 100,
		sales_cost: 200,
		sales_opportunity_cost: 300,
		cancelled_margin: 400,
		wallet_lost_margin: 500,
		deals_expected_lost_margin: 600
	};
	it('adds the six costs and compares them to the savings', () => {
		expect(totals({ ...parts, savings: 700 })).toEqual({ total_backorder_cost: 2100, net_cost: 1400, cost_per_dollar_saved: 3 });
	});
	it('has no cost per dollar saved when nothing was saved', () => {
		expect(totals({ ...parts, savings: 0 }).cost_per_dollar_saved).toBeNull();
		expect(totals({ ...parts, savings: -50 })).toEqual({ total_backorder_cost: 2100, net_cost: 2150, cost_per_dollar_saved: null });
		expect(totals({ ...parts, wallet_lost_margin: null, savings: null })).toEqual({ total_backorder_cost: 1600, net_cost: 1600, cost_per_dollar_saved: null });
	});
});
