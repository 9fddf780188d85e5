/**
 * What prioritising would have saved over the period (DESIGN §4): the period's filled backorders from
 * queries/backorders/history_lines.sql, re-assigned and priced by src/lib/backorders/counterfactual.ts
 * with the fill queue's effects and contact rate. A counterfactual: never part of the ledger's total.
 * Scope (src/lib/scope.ts): every SKU's fill dates are re-assigned over all its lines; a filter takes the
 * part of its lines (customer and product filters alike), so the slices of a partition add up.
 */
import { planReassignmentSteps, planSaving, type HistoryLine, type Saving } from '$lib/backorders/counterfactual';
import { filterParams, type MetricFilters } from '$lib/metrics/filters-type';
import { columnTests, LINE_COLUMNS, type LineColumn } from '$lib/scope';
import { columnRows } from '../db';
import type { Scenario } from '../assumptions/store';
import { backorderColumns, customerRevenue } from './rows';
import { VersionCache } from '../version-cache';
import { inSlices } from '../slices';
import { pricing, type Pricing } from './queue';

type Columns = { [K in 'order_id' | 'customer_id' | 'sku' | 'order_date' | 'filled_date' | 'segment' | 'region' | 'sales_rep' | 'category' | 'supplier']: K extends 'segment' | 'region' | 'sales_rep' | 'category' | 'supplier' ? string | null : string } & {
	qty_open: number;
	customer_lines: number;
};

/** Savings by data version, filters and the scenario's values, so a warm ledger request computes none again. */
const savings = new VersionCache(100);
/** The period's re-assignment (seconds of CPU at 10M lines), shared by every filter set of that period. */
const plans = new VersionCache(8);

export function fillPrioritySaving(f: MetricFilters, scenario: Scenario, version?: string, p?: Pricing): Promise<Saving> {
	return savings.get(version, [filterParams(f), scenario.assumptions], () => compute(f, scenario, version, p));
}

/** Starts reading the period's lines and revenue (cached), so the plan need not wait for them after the wallet estimate. */
export function prefetchHistory(f: MetricFilters, version?: string): void {
	void Promise.all([backorderColumns<Columns>('history_lines', { from: f.from, to: f.to }, version), customerRevenue(f.to, version)]).catch(() => {});
}

async function compute(f: MetricFilters, scenario: Scenario, version: string | undefined, p: Pricing | undefined): Promise<Saving> {
	const pr = await (p ?? pricing(f, scenario, version));
	// the plan's key is what it depends on: the period, and the pricing it ranks and prices by (the
	// period's measured effects and rates under this scenario), never the filters
	const { plan, columns } = await plans.get(version, [f.from, f.to, pr.effects, pr.rates.gross_margin, pr.contact_week.value], async () => {
		const [r, revenue] = await Promise.all([backorderColumns<Columns>('history_lines', { from: f.from, to: f.to }, version), customerRevenue(f.to, version)]);
		const lines: (HistoryLine & Columns)[] = columnRows(r).map((l) => Object.assign(l, { revenue_12m: revenue.get(l.customer_id) ?? 0 }));
		// kept: the plan's arrays and the columns a filter tests, not the line objects nor ids and dates
		const tested = Object.fromEntries(Object.values(LINE_COLUMNS).map((c) => [c, r.columns[c]])) as Record<LineColumn, (string | null)[]>;
		return { plan: await inSlices(planReassignmentSteps(lines, pr.effects, pr.rates.gross_margin, pr.contact_week.value)), columns: tested };
	});
	// a filter takes the lines whose attributes pass it (src/lib/scope.ts columnTests), one pass by index
	const tests = columnTests(f).map((t) => ({ values: columns[t.column], value: t.value }));
	const inScope = (i: number) => {
		for (const t of tests) if (t.values[i] !== t.value) return false;
		return true;
	};
	return planSaving(plan, pr.contact_week.value, inScope);
}
