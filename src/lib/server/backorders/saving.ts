/**
 * What prioritising would have saved over the period (DESIGN §4): the period's filled backorders from
 * queries/backorders/history_lines.sql, re-assigned and priced by src/lib/backorders/counterfactual.ts
 * with the fill queue's effects and contact rate. A counterfactual: never part of the ledger's total.
 * Scope (src/lib/scope.ts): every SKU's fill dates are re-assigned over all its lines; a filter takes the
 * part of its lines (customer and product filters alike), so the slices of a partition add up.
 */
import { planReassignment, prioritySaving, type HistoryLine, type Saving } from '$lib/backorders/counterfactual';
import { filterParams, type MetricFilters } from '$lib/metrics/filters-type';
import { customerPasses, productPasses } from '$lib/scope';
import type { Scenario } from '../assumptions/store';
import { backorderRows, customerRevenue, withRevenue } from './rows';
import { VersionCache } from '../version-cache';
import { pricing, type Pricing } from './queue';

type Row = Omit<HistoryLine, 'revenue_12m'> & { region: string | null; sales_rep: string | null; category: string | null };

/** Savings by data version, filters and the scenario's values, so a warm ledger request computes none again. */
const savings = new VersionCache(100);
/** The period's re-assignment (seconds of CPU at 10M lines), shared by every filter set of that period. */
const plans = new VersionCache(8);

export function fillPrioritySaving(f: MetricFilters, scenario: Scenario, version?: string, p?: Pricing): Promise<Saving> {
	return savings.get(version, [filterParams(f), scenario.assumptions], () => compute(f, scenario, version, p));
}

async function compute(f: MetricFilters, scenario: Scenario, version: string | undefined, p: Pricing | undefined): Promise<Saving> {
	const pr = await (p ?? pricing(f, scenario, version));
	// the plan's key is what it depends on: the period, and the pricing it ranks and prices by (the
	// period's measured effects and rates under this scenario), never the filters
	const plan = await plans.get(version, [f.from, f.to, pr.effects, pr.rates.gross_margin, pr.contact_week.value], async () => {
		const [rows, revenue] = await Promise.all([backorderRows<Row>('history_lines', { from: f.from, to: f.to }, version), customerRevenue(f.to, version)]);
		return planReassignment(withRevenue(rows, revenue), pr.effects, pr.rates.gross_margin, pr.contact_week.value);
	});
	const inScope = (l: HistoryLine) => {
		const r = l as Row & HistoryLine;
		return customerPasses({ id: r.customer_id, segment: r.segment, region: r.region, sales_rep: r.sales_rep }, f) && productPasses(r, f);
	};
	return prioritySaving(plan.lines, pr.effects, pr.rates.gross_margin, pr.contact_week.value, inScope, plan);
}
