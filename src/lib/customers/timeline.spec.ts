import { describe, expect, it } from 'vitest';
import { backorderWait, buildTimeline, laneCounts, type CustomerOrderRow } from './timeline';
import { spendSeries } from './spend';

const order = (over: Partial<CustomerOrderRow>): CustomerOrderRow => ({
	order_id: 'O1',
	order_date: '2025-03-10',
	lines: 2,
	ordered_value: 200,
	spend: 200,
	backordered_lines: 0,
	backordered_value: 0,
	open_lines: 0,
	cancelled_lines: 0,
	last_filled: null,
	...over
});

describe('backorderWait', () => {
	it('is null for an order without backorders', () => {
		expect(backorderWait(order({}), '2025-12-31')).toBeNull();
	});
	it('counts days to the last fill', () => {
		expect(backorderWait(order({ backordered_lines: 1, last_filled: '2025-04-21' }), '2025-12-31')).toMatchObject({ state: 'filled', end: '2025-04-21', days: 42 });
	});
	it('keeps an open backorder waiting until the data end', () => {
		expect(backorderWait(order({ backordered_lines: 1, open_lines: 1, last_filled: '2025-03-12' }), '2025-03-31')).toMatchObject({ state: 'open', end: '2025-03-31', days: 21 });
	});
	it('draws a wholly cancelled backorder as a point', () => {
		expect(backorderWait(order({ backordered_lines: 1, cancelled_lines: 1 }), '2025-12-31')).toMatchObject({ state: 'cancelled', days: 0, end: '2025-03-10' });
	});
});

describe('buildTimeline', () => {
	const events = buildTimeline(
		[order({}), order({ order_id: 'O2', order_date: '2025-02-01', backordered_lines: 1, backordered_value: 50, last_filled: '2025-02-15' })],
		[
			{ contact_id: 'K1', contact_at: '2025-02-03 10:00:00', team: 'service', channel: 'phone', reason: 'Out of stock', note: 'ETA?', order_id: 'O2', escalated: true, csat: 2, related: true },
			{ contact_id: 'S1', contact_at: '2025-02-20 09:00:00', team: 'sales', channel: 'visit', reason: null, note: null, order_id: null, escalated: false, csat: null, related: false }
		],
		[{ opportunity_id: 'P1', created_date: null, closed_date: '2025-03-01', amount: 900, outcome: 'no_bid', loss_reason: 'allocation', competitor: null, note: null, related: true }],
		'2025-12-31'
	);
	it('puts every event on its lane, in date order', () => {
		expect(events.map((e) => [e.lane, e.date, e.id])).toEqual([
			['Orders', '2025-02-01', 'O2'],
			['Backorders', '2025-02-01', 'O2:bo'],
			['Service contacts', '2025-02-03', 'K1'],
			['Escalations', '2025-02-03', 'K1:esc'],
			['Sales contacts', '2025-02-20', 'S1'],
			['Opportunities', '2025-03-01', 'P1'],
			['Orders', '2025-03-10', 'O1']
		]);
		expect(events[1]).toMatchObject({ end: '2025-02-15', detail: 'waited 14 days' });
		expect(events[4]).toMatchObject({ visit: true, label: 'visit · contact' });
		expect(events[5]).toMatchObject({ label: 'P1 · no bid', tone: 'cost' });
	});
	it('counts per lane', () => {
		expect(laneCounts(events)).toEqual({ Orders: 2, Backorders: 1, 'Service contacts': 1, Escalations: 1, 'Sales contacts': 1, Opportunities: 1 });
	});
});

describe('spendSeries', () => {
	it('fills empty months and measures the pre- and post-incident levels', () => {
		const orders = [
			order({ order_date: '2025-01-05', spend: 100 }),
			order({ order_date: '2025-02-05', spend: 200 }),
			order({ order_date: '2025-04-05', spend: 90, backordered_lines: 1 }),
			order({ order_date: '2025-05-05', spend: 60 })
		];
		const s = spendSeries(orders, '2025-01-01', '2025-06-30');
		expect(s.months.map((m) => m.spend)).toEqual([100, 200, 0, 90, 60, 0]);
		expect(s.months[3].backordered).toBe(true);
		expect(s.t0).toBe('2025-04');
		// pre: Jan–Mar inside the data (3 months): (100+200+0)/3; post: May–Jun: (60+0)/2
		expect(s.pre_level).toBe(100);
		expect(s.pre_months).toBe(3);
		expect(s.post_level).toBe(30);
		expect(s.change).toBeCloseTo(-0.7, 12);
	});
	it('has no incident level for a customer never backordered', () => {
		const s = spendSeries([order({})], '2025-01-01', '2025-03-31');
		expect(s).toMatchObject({ t0: null, pre_level: null, change: null });
		expect(s.months).toHaveLength(3);
	});
});
