/**
 * What prioritising would have saved over the period (DESIGN §4): the period's filled backorders from
 * queries/backorders/history_lines.sql, re-assigned and priced by src/lib/backorders/counterfactual.ts
 * with the fill queue's effects and contact rate. A counterfactual: never part of the ledger's total.
 */
import { prioritySaving, type HistoryLine, type Saving } from '$lib/backorders/counterfactual';
import { filterParams, type MetricFilters } from '$lib/metrics/filters-type';
import type { Scenario } from '../assumptions/store';
import { backorderRows } from './rows';
import { pricing, type Pricing } from './queue';

export async function fillPrioritySaving(f: MetricFilters, scenario: Scenario, version?: string, p?: Pricing, opts: { resamples?: number } = {}): Promise<Saving> {
	const [rows, pr] = await Promise.all([backorderRows<HistoryLine>('history_lines', filterParams(f), version), p ?? pricing(f, scenario, version, opts)]);
	return prioritySaving(rows, pr.effects, pr.rates.gross_margin, pr.contact_week.value);
}
