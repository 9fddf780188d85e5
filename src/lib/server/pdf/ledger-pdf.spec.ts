import { describe, expect, it } from 'vitest';
import { filterLine, ledgerPdf, pdfText } from './ledger-pdf';
import { previousPeriod } from '$lib/ledger/compare';
import { assemble } from '../metrics/summary';
import { DEFAULT_ASSUMPTIONS, resolveAssumptions } from '$lib/metrics/assumptions';
import { monthlyTrend } from '$lib/ledger/trend';

const filters = { from: '2026-01-01', to: '2026-02-28', segment: 'Key' };
const scenario = { name: 'default', updated_at: '2026-01-01', assumptions: resolveAssumptions(DEFAULT_ASSUMPTIONS) };
const orders = {
	lines: 100, backordered_lines: 7, ordered_value: 10_000, backordered_value: 700, backordered_qty: 20,
	avg_backorder_days: 9, p90_backorder_days: 20, filled_backorder_lines: 6, cancelled_lines: 1, cancelled_value: 100,
	promised_lines: 90, otif_lines: 80, promised_backorder_lines: 7, kept_backorder_promises: 3, cost_of_goods: 7_000, costed_revenue: 10_000
};
const summary = assemble(filters, scenario as never, {
	o: orders,
	wholeOrders: orders,
	productOnlyCogs: 14_000,
	wholeDeals: { opportunities: 30, won: 10, lost: 15, no_bid: 5, lost_deals: 4, lost_value: 2_000 },
	open: [],
	contacts: [{ month: '2026-01-01', team: 'service', channel: 'phone', backorder_related: true, contacts: 10, escalated: 1, minutes: 0, minutes_missing: 0, csat_sum: 0, csat_count: 0 }],
	deals: { opportunities: 30, won: 10, lost: 15, no_bid: 5, lost_deals: 4, lost_value: 2_000 },
	holding: { baseline_value: 50_000, baseline_snapshots: 13, baseline_from: '2024-11-04', baseline_to: '2025-01-27', period_value: 40_000, period_snapshots: 8 },
	wallet: { treated_customers: 0, did_pct: null, did_low: null, did_high: null, lost_revenue: null, lost_margin: null },
	notes: { lines: 100, recorded: 0, shipments: 100, dates: 0, lost_or_no_bid: 20, lost_without_reason: 0, lost_zero_amount: 0 }
});
const trend = monthlyTrend({
	period: filters, contacts: [], deals: [], orders: [], inventory: [], baselineValue: 50_000, grossMargin: 0.3, winRate: 0.4,
	assumptions: scenario.assumptions
});

describe('ledger PDF', () => {
	it('is a two-page PDF document in the paper size asked for', async () => {
		for (const [size, box] of [['A4', '841.89 595.28'], ['LETTER', '792 612']] as const) {
			const pdf = await ledgerPdf({ current: summary, previous: null, trend, filters, compare: previousPeriod(filters), size, generatedAt: new Date('2026-11-23T00:00:00Z') });
			const text = pdf.toString('latin1');
			expect(text.startsWith('%PDF-')).toBe(true);
			expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
			expect(text.match(/\/Type \/Page\b/g)).toHaveLength(2);
			expect(text).toContain(`/MediaBox [0 0 ${box}]`);
		}
	});

	it('names the filters and maps characters the standard fonts lack', () => {
		expect(filterLine({ from: 'a', to: 'b' })).toBe('All customers and products');
		expect(filterLine(filters)).toBe('Segment: Key');
		expect(pdfText('−2.0% → 3')).toBe('-2.0% -> 3');
	});
});
