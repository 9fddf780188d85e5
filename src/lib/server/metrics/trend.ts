import type { ContactGroupRow, DealsRow } from '$lib/metrics/ledger';
import type { MetricFilters } from '$lib/metrics/filters-type';
import { monthlyTrend, type MonthlyInventoryRow, type MonthlyOrdersRow, type TrendMonth } from '$lib/ledger/trend';
import type { Scenario } from '../assumptions/store';
import { ledgerContacts, ledgerParams, ledgerRows, type LedgerSummary } from './summary';
import { storedAnswer } from '../answer-store';

/**
 * The ledger month by month for the home page. Every query goes through the summary's cache (keyed by
 * data version); contacts and deals are the summary's own rows, grouped by month; gross margin and win
 * rate are the summary's. The scope is the summary's too (src/lib/scope.ts): contacts a product filter
 * cannot place and deals under a product filter are left out, and under a customer filter the holding
 * savings are the summary's attributed share.
 */
export function ledgerTrend(filters: MetricFilters, scenario: Scenario, summary: LedgerSummary, version?: string): Promise<TrendMonth[]> {
	// the summary is the one of the same filters and scenario: they key the kept answer (answer-store.ts)
	return storedAnswer('trend', version, [filters, scenario], () => computeTrend(filters, scenario, summary, version));
}

async function computeTrend(filters: MetricFilters, scenario: Scenario, summary: LedgerSummary, version?: string): Promise<TrendMonth[]> {
	const params = ledgerParams(filters, scenario.assumptions);
	const [contacts, deals, orders, inventory] = await Promise.all([
		ledgerContacts(params, version),
		ledgerRows<DealsRow>('deals_lost', params, version),
		ledgerRows<MonthlyOrdersRow>('monthly_orders', params, version),
		ledgerRows<MonthlyInventoryRow>('monthly_inventory', params, version)
	]);
	const share = summary.holding.attributed_share ?? 1;
	return monthlyTrend({
		period: filters,
		contacts: contacts.filter((r) => r.in_scope !== false),
		deals: summary.scope.components.winloss.status === 'not_attributable' ? [] : deals,
		orders,
		inventory: inventory.map((r) => ({ ...r, inventory_value: r.inventory_value * share })),
		baselineValue: summary.holding.baseline_value,
		grossMargin: summary.gross_margin,
		winRate: summary.winloss.win_rate,
		assumptions: scenario.assumptions
	});
}
