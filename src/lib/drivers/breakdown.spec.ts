import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '$lib/metrics/assumptions';
import { assembleBreakdown, sumRows, UNATTRIBUTED_KEY } from './breakdown';
import { breakdownExportColumns, breakdownExportRow } from './columns';

const k = (member: string | null, attributed = true) => ({ attributed, member, member2: null, label: null });
const contact = (member: string | null, team: string, channel: string, contacts: number, extra: Partial<{ escalated: number; minutes: number; minutes_missing: number }> = {}) => ({
	...k(member, member !== '∅'),
	member: member === '∅' ? null : member,
	team,
	channel,
	contacts,
	escalated: 0,
	minutes: 0,
	minutes_missing: 0,
	...extra
});

describe('assembleBreakdown', () => {
	it('prices each member as the ledger does and keeps unattributed apart', () => {
		const a = DEFAULT_ASSUMPTIONS;
		const b = assembleBreakdown(
			{
				lines: [
					{ ...k('A'), lines: 10, backordered_lines: 2, backordered_value: 100, cancelled_value: 50 },
					{ ...k(null), lines: 1, backordered_lines: 1, backordered_value: 5, cancelled_value: 10 }
				],
				contacts: [
					contact('A', 'service', 'phone', 1.5, { escalated: 0.5 }),
					contact('∅', 'service', 'email', 1),
					contact('B', 'sales', 'visit', 1, { minutes_missing: 1 })
				],
				deals: [{ ...k(null, false), lost_deals: 2, lost_value: 1000 }],
				wallet: [{ ...k('B'), treated: 1, lost_margin: 70 }]
			},
			{ gross_margin: 0.4, win_rate: 0.5 },
			a
		);
		const by = Object.fromEntries(b.members.map((m) => [m.key, m]));
		const A = by[JSON.stringify(['A', null])];
		expect(A.service_cost).toBeCloseTo(1.5 * a.channel_cost.phone + 0.5 * a.escalation_cost, 12);
		expect(A.cancelled_margin).toBeCloseTo(20, 12);
		const B = by[JSON.stringify(['B', null])];
		const hours = a.default_minutes.visit / 60;
		expect(B.sales_cost).toBeCloseTo(hours * a.sales_loaded_rate, 12);
		expect(B.sales_opportunity_cost).toBeCloseTo(hours * a.margin_per_selling_hour, 12);
		expect(B.wallet_lost_margin).toBe(70);
		const none = by[JSON.stringify([null, null])];
		expect(none.kind).toBe('none');
		expect(none.label).toBe('(none)');
		expect(b.unattributed.key).toBe(UNATTRIBUTED_KEY);
		expect(b.unattributed.service_cost).toBe(a.channel_cost.email);
		expect(b.unattributed.deals_expected_lost_margin).toBeCloseTo(200, 12);
		expect(b.totals.total).toBeCloseTo(b.members.reduce((s, m) => s + m.total, 0) + b.unattributed.total, 9);
		expect(b.members[0].total).toBeGreaterThanOrEqual(b.members[1].total);
		expect(sumRows([]).total).toBe(0);

		const cols = breakdownExportColumns('customer');
		expect(cols.slice(0, 2).map((c) => c.label)).toEqual(['Customer', 'Customer name']);
		const row = breakdownExportRow(b.unattributed, b.totals.total);
		expect(row.member).toBe('Unattributed');
		expect(row.share).toBeCloseTo(b.unattributed.total / b.totals.total, 12);
	});
});
