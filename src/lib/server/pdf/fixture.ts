/**
 * A ledger summary and trend for the PDF tests, assembled by the same code as /api/summary from
 * hand-made query rows: every cost component present (so every waterfall label is drawn), twelve months.
 */
import { assemble } from '../metrics/summary';
import { DEFAULT_ASSUMPTIONS, resolveAssumptions } from '$lib/metrics/assumptions';
import { monthlyTrend } from '$lib/ledger/trend';
import type { MetricFilters } from '$lib/metrics/filters-type';
import { previousPeriod } from '$lib/ledger/compare';

export function pdfFixture(filters: MetricFilters = { from: '2025-11-01', to: '2026-10-31', segment: 'Key' }) {
	const scenario = { name: 'CFO 18pct', updated_at: '2026-01-01', assumptions: resolveAssumptions(DEFAULT_ASSUMPTIONS) };
	const orders = {
		lines: 48_000, backordered_lines: 3_100, ordered_value: 9_800_000, backordered_value: 610_000, backordered_qty: 21_000,
		avg_backorder_days: 9, p90_backorder_days: 20, filled_backorder_lines: 2_800, cancelled_lines: 140, cancelled_value: 52_000,
		promised_lines: 45_000, otif_lines: 40_100, promised_backorder_lines: 3_000, kept_backorder_promises: 1_300, cost_of_goods: 6_900_000, costed_revenue: 9_800_000
	};
	const current = assemble(filters, scenario as never, {
		o: orders,
		wholeOrders: orders,
		productOnlyCogs: 6_900_000,
		wholeDeals: { opportunities: 300, won: 100, lost: 150, no_bid: 50, lost_deals: 40, lost_value: 200_000 },
		open: [],
		contacts: [
			{ month: '2026-01-01', team: 'service', channel: 'phone', backorder_related: true, contacts: 2_400, escalated: 120, minutes: 0, minutes_missing: 0, csat_sum: 0, csat_count: 0 },
			{ month: '2026-01-01', team: 'sales', channel: 'visit', backorder_related: true, contacts: 300, escalated: 0, minutes: 0, minutes_missing: 300, csat_sum: 0, csat_count: 0 }
		],
		deals: { opportunities: 300, won: 100, lost: 150, no_bid: 50, lost_deals: 40, lost_value: 200_000 },
		holding: { baseline_value: 5_000_000, baseline_snapshots: 13, baseline_from: '2024-11-04', baseline_to: '2025-01-27', period_value: 4_200_000, period_snapshots: 52 },
		wallet: { treated_customers: 61, did_pct: -0.071, did_low: -0.11, did_high: -0.03, lost_revenue: 420_000, lost_margin: 126_000 },
		notes: { lines: 48_000, recorded: 48_000, shipments: 0, dates: 0, lost_or_no_bid: 200, lost_without_reason: 0, lost_zero_amount: 0 }
	});
	const months = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 10 + i, 1)).toISOString().slice(0, 10));
	const trend = monthlyTrend({
		period: filters,
		contacts: [],
		deals: [],
		orders: months.map((month, i) => ({ month, lines: 4_000, backordered_lines: 200 + 10 * i, ordered_value: 800_000, backordered_value: 50_000, cancelled_value: 4_000 })),
		inventory: months.map((month, i) => ({ month, inventory_value: 4_600_000 - 60_000 * i, snapshots: 4 })),
		baselineValue: 5_000_000,
		grossMargin: 0.3,
		winRate: 0.4,
		assumptions: scenario.assumptions
	});
	return { current, previous: null, trend, filters, compare: previousPeriod(filters) };
}
