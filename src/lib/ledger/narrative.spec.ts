import { describe, expect, it } from 'vitest';
import { narrative } from './narrative';
import type { SummaryFigures } from './components';

function summary(over: Partial<SummaryFigures> = {}): SummaryFigures {
	return {
		orders: { lines: 1000, backordered_lines: 70, line_fill_rate: 0.93 },
		service: { backorder_contacts: 500, cost: 4_000 },
		sales: { backorder_activities: 200, hours: 100, cost: 7_500, opportunity_cost: 15_000 },
		cancellations: { value: 50_000, lost_margin: 15_000 },
		wallet: { treated_customers: 180, did_pct: -0.123, lost_revenue: 400_000, lost_margin: 120_000 },
		winloss: { lost_deals: 12, lost_value: 300_000, expected_lost_margin: 27_000 },
		holding: { baseline_value: 2_000_000, period_value: 1_600_000, savings: 100_000 },
		total_backorder_cost: 188_500,
		net_cost: 88_500,
		cost_per_dollar_saved: 1.885,
		...over
	};
}
const period = { from: '2025-11-01', to: '2026-10-31' };

describe('narrative', () => {
	it('states the figures, the largest driver and the trend', () => {
		const prev = summary({ total_backorder_cost: 150_000, orders: { lines: 900, backordered_lines: 40, line_fill_rate: 0.956 } });
		expect(narrative({ period, current: summary(), previous: prev })).toEqual([
			'From 1 Nov 2025 – 31 Oct 2026, backorders cost an estimated $189k, against $100k of carrying cost that leaner inventory saved — a net cost of $88.5k.',
			'For every $1 of carrying cost saved, backorders cost $1.89.',
			'The largest driver is share-of-wallet decline ($120k, 64% of the total), followed by deals lost to availability ($27k).',
			'Against the previous period of equal length, total backorder cost rose 25.7% (from $150k), while the line fill rate fell from 95.6% to 93.0%.',
			'180 customers met their first backorder in the period; over the next six months their spend fell 12.3% against comparable customers who were not affected.'
		]);
	});

	it('says, second, that the total excludes a wallet loss that cannot be estimated', () => {
		const s = summary({ wallet: { treated_customers: 0, did_pct: null, lost_revenue: null, lost_margin: null, not_estimable: 'no first backorder in the period has 6 full months of data before and after it' } });
		const text = narrative({ period, current: s, previous: null });
		expect(text[1]).toBe('The total excludes the share-of-wallet decline: no first backorder in the period has 6 full months of data before and after it.');
		expect(text.some((t) => t.includes('customers met their first backorder'))).toBe(false);
	});

	it('adds what filling by priority would have saved, within five sentences', () => {
		const s = summary({ fill_priority: { saving: 280_400, low: 120_000, high: 410_000 } });
		const text = narrative({ period, current: s, previous: summary({ total_backorder_cost: 150_000 }) });
		expect(text).toHaveLength(5);
		expect(text[4]).toBe('Filling by priority instead of order date would have saved $280k (90 % interval $120k to $410k).');
		const noInterval = narrative({ period, current: summary({ fill_priority: { saving: 5_000, low: null, high: null } }), previous: null });
		expect(noInterval.at(-1)).toBe('Filling by priority instead of order date would have saved $5k.');
		// n/a or no saving: no sentence rather than "$0"
		expect(narrative({ period, current: summary({ fill_priority: { saving: null, low: null, high: null } }), previous: null }).join(' ')).not.toMatch(/Filling by priority/);
	});

	it('says plainly when lean saved nothing', () => {
		const s = summary({ holding: { baseline_value: 1, period_value: 2, savings: -20_000 }, net_cost: 208_500, cost_per_dollar_saved: null });
		const text = narrative({ period, current: s, previous: null });
		expect(text[0]).toBe(
			'From 1 Nov 2025 – 31 Oct 2026, backorders cost an estimated $189k, and inventory cost $20k more to carry than in the baseline, so lean inventory saved nothing to set against it.'
		);
		expect(text).toHaveLength(3);
	});

	it('has one sentence when nothing was backordered', () => {
		const zero = summary({ orders: { lines: 10, backordered_lines: 0, line_fill_rate: 1 }, total_backorder_cost: 0 });
		expect(narrative({ period, current: zero, previous: null })).toEqual([
			'From 1 Nov 2025 – 31 Oct 2026 no order line was backordered, so backorders cost nothing this period.'
		]);
	});
});

describe('narrative without snapshots', () => {
	it('says savings cannot be measured', () => {
		const s = summary({ holding: { baseline_value: null, period_value: null, savings: null }, cost_per_dollar_saved: null });
		expect(narrative({ period, current: s, previous: null })[0]).toBe(
			'From 1 Nov 2025 – 31 Oct 2026, backorders cost an estimated $189k; there are no inventory snapshots to measure what lean inventory saved against it.'
		);
	});
});

describe('narrative when lean saved more than backorders cost', () => {
	it('speaks of a net saving, not a negative cost', () => {
		const s = summary({ holding: { baseline_value: 3, period_value: 1, savings: 250_000 }, net_cost: -61_500, cost_per_dollar_saved: 0.754 });
		expect(narrative({ period, current: s, previous: null }).slice(0, 2)).toEqual([
			'From 1 Nov 2025 – 31 Oct 2026, backorders cost an estimated $189k, against $250k of carrying cost that leaner inventory saved — a net saving of $61.5k.',
			'For every $1 of carrying cost saved, backorders cost $0.75.'
		]);
	});
});
