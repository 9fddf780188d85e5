/**
 * What prioritising would have saved over the period (DESIGN §4): the period's filled backorders from
 * queries/backorders/history_lines.sql, re-assigned and priced by src/lib/backorders/counterfactual.ts
 * with the fill queue's effects and contact rate. A counterfactual: never part of the ledger's total.
 */
import { prioritySaving, type HistoryLine, type Saving } from '$lib/backorders/counterfactual';
import { filterParams, type MetricFilters } from '$lib/metrics/filters-type';
import type { Scenario } from '../assumptions/store';
import { runQuery } from '../db';
import { pricing, type Pricing } from './queue';

export async function fillPrioritySaving(f: MetricFilters, scenario: Scenario, version?: string, p?: Pricing, opts: { resamples?: number } = {}): Promise<Saving> {
	const [r, pr] = await Promise.all([runQuery<HistoryLine>('backorders/history_lines', filterParams(f)), p ?? pricing(f, scenario, version, opts)]);
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	return prioritySaving(r.rows, pr.effects, pr.rates.gross_margin, pr.contact_week.value);
}
