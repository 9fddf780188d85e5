/**
 * What /backorders shows for complete filters: the open lines in priority order (the first PAGE_LINES),
 * the SKUs with open lines, one SKU's fill queue (the SKU filter's, else the SKU whose week costs most)
 * and what filling by priority would have saved over the period. No open line is an explicit empty
 * state (`empty: true`), not an error.
 */
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { Scenario } from '../assumptions/store';
import { fillQueue, pricedOpenLines, skuSummaries, totalsOf } from './queue';
import { fillPrioritySaving } from './saving';
import { storedAnswer } from '../answer-store';

export const PAGE_LINES = 50;
export const PAGE_SKUS = 25;

/** Kept in the database file (answer-store.ts) like the other pages' answers, so a restart serves it at once. */
export function backordersPage(f: MetricFilters, scenario: Scenario, version?: string): Promise<BackordersView> {
	return storedAnswer('backorders', version, [f, scenario], () => computeBackordersPage(f, scenario, version));
}

async function computeBackordersPage(f: MetricFilters, scenario: Scenario, version?: string) {
	const { pricing, lines } = await pricedOpenLines(f, scenario, version);
	const skus = skuSummaries(lines);
	const queueSku = f.sku ?? skus[0]?.sku ?? null;
	const [queue, saving] = await Promise.all([queueSku ? fillQueue(lines, queueSku, f.to, version) : Promise.resolve(null), fillPrioritySaving(f, scenario, version, pricing)]);
	return {
		as_of: f.to,
		currency: scenario.assumptions.currency,
		scenario: scenario.name,
		empty: lines.length === 0,
		pricing,
		totals: totalsOf(lines),
		lines: lines.slice(0, PAGE_LINES),
		skus: skus.slice(0, PAGE_SKUS),
		sku_count: skus.length,
		queue,
		saving
	};
}

export type BackordersView = Awaited<ReturnType<typeof computeBackordersPage>>;
