import { describe, expect, it } from 'vitest';
import { monthlyTrend, periodMonths } from './trend';
import { DEFAULT_ASSUMPTIONS, resolveAssumptions } from '$lib/metrics/assumptions';

describe('periodMonths', () => {
	it('covers partial edge months with their days', () => {
		expect(periodMonths({ from: '2026-01-15', to: '2026-03-10' })).toEqual([
			{ month: '2026-01-01', days: 17 },
			{ month: '2026-02-01', days: 28 },
			{ month: '2026-03-01', days: 10 }
		]);
	});
	it('gives twelve whole months for a year', () => {
		const m = periodMonths({ from: '2025-11-01', to: '2026-10-31' });
		expect(m).toHaveLength(12);
		expect(m.reduce((s, x) => s + x.days, 0)).toBe(365);
	});
});

describe('monthlyTrend', () => {
	const a = resolveAssumptions(DEFAULT_ASSUMPTIONS);
	const contact = (month: string, team: 'service' | 'sales', channel: string, contacts: number, extra: Partial<{ escalated: number; minutes: number; minutes_missing: number }> = {}) => ({
		month, team, channel, backorder_related: true, contacts, escalated: 0, minutes: 0, minutes_missing: 0, csat_sum: 0, csat_count: 0, ...extra
	});
	const trend = monthlyTrend({
		period: { from: '2026-01-01', to: '2026-02-28' },
		contacts: [
			contact('2026-01-01', 'service', 'phone', 10, { escalated: 2 }),
			{ ...contact('2026-01-01', 'service', 'email', 5), backorder_related: false },
			contact('2026-02-01', 'sales', 'visit', 2, { minutes: 60, minutes_missing: 1 })
		],
		deals: [{ month: '2026-02-01', opportunities: 4, won: 1, lost: 2, no_bid: 1, lost_deals: 3, lost_value: 1000 }],
		orders: [
			{ month: '2026-01-01', lines: 100, backordered_lines: 5, ordered_value: 10_000, backordered_value: 500, cancelled_value: 200 },
			{ month: '2026-02-01', lines: 50, backordered_lines: 10, ordered_value: 5_000, backordered_value: 900, cancelled_value: 0 }
		],
		inventory: [{ month: '2026-01-01', inventory_value: 8_000, snapshots: 4 }],
		baselineValue: 10_000,
		grossMargin: 0.3,
		winRate: 0.5,
		assumptions: a
	});

	it('prices each month with the same rules as the period', () => {
		const [jan, feb] = trend;
		// January: 10 phone contacts at $8 + 2 escalations at $25; cancelled 200 × 0.30
		expect(jan.service).toBe(10 * 8 + 2 * 25);
		expect(jan.cancelled).toBeCloseTo(60, 10);
		expect(jan.cost).toBeCloseTo(130 + 60, 10);
		// February: a visit with 60 min logged and one with the 90-minute default = 2.5 h
		expect(feb.sales_time).toBeCloseTo(2.5 * 75, 10);
		expect(feb.sales_opportunity).toBeCloseTo(2.5 * 150, 10);
		expect(feb.deals).toBeCloseTo(1000 * 0.5 * 0.3, 10);
	});

	it('gives monthly savings against the baseline, and none where no snapshot fell', () => {
		expect(trend[0].savings).toBeCloseTo(((10_000 - 8_000) * 0.25 * 31) / 365, 10);
		expect(trend[1].savings).toBeNull();
	});

	it('gives fill and backorder rates per month', () => {
		expect(trend.map((t) => [t.line_fill_rate, t.backorder_rate])).toEqual([
			[0.95, 0.05],
			[0.8, 0.2]
		]);
	});
});
