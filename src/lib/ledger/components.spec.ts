import { describe, expect, it } from 'vitest';
import { componentValues, inTotalComponents, outsideSentence, scopeLines, type SummaryFigures } from './components';
import { componentScope, SCOPED } from '$lib/scope';

const base: SummaryFigures = {
	orders: { lines: 10, backordered_lines: 2, line_fill_rate: 0.8 },
	service: { backorder_contacts: 3, cost: 30 },
	sales: { backorder_activities: 1, hours: 1, cost: 75, opportunity_cost: 150 },
	cancellations: { value: 100, lost_margin: 30 },
	wallet: { treated_customers: 2, did_pct: -0.1, lost_revenue: 1000, lost_margin: 300 },
	winloss: { lost_deals: null, lost_value: null, expected_lost_margin: null },
	holding: { baseline_value: 1, period_value: 1, savings: 10 },
	total_backorder_cost: 585,
	net_cost: 575,
	cost_per_dollar_saved: 58.5
};

function scoped(f: Record<string, string>, outside: Partial<Record<(typeof SCOPED)[number], number>>): SummaryFigures {
	const components = Object.fromEntries(SCOPED.map((k) => [k, { ...componentScope(k, f), not_attributable: outside[k] ?? null }])) as never;
	return { ...base, scope: { filters: { customer: [], product: Object.keys(f) }, components, not_attributable_total: Object.values(outside).reduce((s, x) => s + x, 0) } };
}

describe('components with their scope', () => {
	it('keeps a not-attributable component out of the total and shows its amount beside it', () => {
		const s = scoped({ supplier: 'Acme' }, { winloss: 200, service: 5, sales: 7 });
		const deals = componentValues(s).find((c) => c.key === 'deals')!;
		expect(deals).toMatchObject({ value: 0, status: 'not_attributable', outside: 200 });
		expect(inTotalComponents(s).map((c) => c.key)).toEqual(['service', 'sales_time', 'sales_opportunity', 'cancelled', 'wallet']);
		// sales' amount covers both of its components: shown once
		expect(componentValues(s).filter((c) => c.outside !== null).map((c) => c.key)).toEqual(['service', 'sales_time', 'deals']);
		expect(outsideSentence(s, (v) => `$${v}`)).toBe('Not attributable to this filter and left out of the total: $212 (service contacts, sales time, deals lost to availability).');
	});

	it('lists the scope of every figure under filters, nothing without', () => {
		expect(scopeLines(base, String)).toEqual([]);
		const lines = scopeLines(scoped({ supplier: 'Acme' }, { winloss: 200 }), (v) => `$${v}`);
		expect(lines).toHaveLength(6); // five cost scopes (sales covers two components) and the holding savings
		expect(lines.find((l) => l.startsWith('Deals lost'))).toBe('Deals lost: not attributable to this filter (supplier: an opportunity names no product). $200 left out of the total.');
		expect(lines.at(-1)).toMatch(/^Holding savings: within the filters/);
	});

	it('shows a wallet loss that cannot be estimated as n/a with its reason, never as a $0 step of the total', () => {
		const s: SummaryFigures = { ...base, wallet: { treated_customers: 3, did_pct: null, lost_revenue: null, lost_margin: null, not_estimable: 'only 3 treated customers' } };
		const wallet = componentValues(s).find((c) => c.key === 'wallet')!;
		expect(wallet).toMatchObject({ value: 0, na: 'n/a — only 3 treated customers' });
		expect(inTotalComponents(s).map((c) => c.key)).toEqual(['service', 'sales_time', 'sales_opportunity', 'cancelled', 'deals']);
		expect(componentValues(base).find((c) => c.key === 'wallet')!.na).toBeNull();
	});
});
