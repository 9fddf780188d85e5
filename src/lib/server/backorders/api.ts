/**
 * GET /api/backorders: `?from&to&segment&region&category&supplier&sales_rep&customer&sku[&scenario][&limit][&offset]`.
 * The open backorder lines of the filters as of the period's end with their priority terms, in priority
 * order (cost of one more week per backordered unit), a page of them and their total count. 400 on a bad
 * parameter, 500 on a query error; never throws.
 */
import { parseFilters, withPeriod } from '$lib/filters';
import { filterValues, type MetricFilters } from '$lib/metrics/filters-type';
import { defaultPeriod } from '$lib/metrics/period';
import { parsePaging } from '$lib/backorders/params';
import type { Scenario } from '../assumptions/store';
import { requestedScenario } from '../assumptions/requested';
import { dataRange, versionOf } from '../data-version';
import { pricedOpenLines, totalsOf } from './queue';

export type Resolved = { ok: true; filters: MetricFilters; scenario: Scenario; version?: string; empty: boolean } | { ok: false; status: 400; error: string };

/** Filters with the data's default period and the scenario (named or active); the page and the API share it. */
export async function resolveRequest(search: URLSearchParams, extra: readonly string[]): Promise<Resolved & { extra?: Record<string, string> }> {
	const parsed = parseFilters(search, ['scenario', ...extra]);
	if (!parsed.ok) return { ok: false, status: 400, error: parsed.error };
	const name = parsed.value.extra.scenario;
	const requested = await requestedScenario(name);
	if (!requested.ok) return { ok: false, status: 400, error: requested.error };
	const scenario = requested.scenario;
	const range = await dataRange();
	const today = new Date().toISOString().slice(0, 10);
	const fallback = range?.first_order && range.last_order ? defaultPeriod(range.first_order, range.last_order) : { from: today, to: today };
	const full = withPeriod(parsed.value.filters, fallback);
	if (!full.ok) return { ok: false, status: 400, error: full.error };
	return { ok: true, filters: full.value, scenario, version: range ? versionOf(range) : undefined, empty: !range?.first_order, extra: parsed.value.extra };
}

export async function backordersResponse(search: URLSearchParams) {
	try {
		const req = await resolveRequest(search, ['limit', 'offset']);
		if (!req.ok) return { status: 400, body: { error: req.error } };
		const paging = parsePaging(req.extra ?? {});
		if (!paging.ok) return { status: 400, body: { error: paging.error } };
		const t0 = performance.now();
		const { pricing, lines } = await pricedOpenLines(req.filters, req.scenario, req.version);
		return {
			status: 200,
			body: {
				as_of: req.filters.to,
				period: { from: req.filters.from, to: req.filters.to },
				filters: filterValues(req.filters),
				scenario: req.scenario.name,
				currency: req.scenario.assumptions.currency,
				sort: 'cost of one more week per backordered unit, highest first; ties by order date',
				effects: pricing.effects,
				rates: pricing.rates,
				contact_week: pricing.contact_week,
				totals: totalsOf(lines),
				total: lines.length,
				limit: paging.limit,
				offset: paging.offset,
				rows: lines.slice(paging.offset, paging.offset + paging.limit),
				ms: Math.round((performance.now() - t0) * 10) / 10
			}
		};
	} catch (e) {
		console.error('backorders:', e);
		return { status: 500, body: { error: e instanceof Error ? e.message : String(e) } };
	}
}
