import { pageScenario } from '$lib/server/assumptions/requested';
import { metricFilters, readCompare } from '$lib/url-state';
import { dataVersion, ledgerSummary } from '$lib/server/metrics/summary';
import { ledgerTrend } from '$lib/server/metrics/trend';
import { breakdown } from '$lib/server/drivers/breakdown';
import { comparisonPeriod } from '$lib/periods';
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { PageServerLoad } from './$types';

/** The ledger's "top five cost drivers" are suppliers: the lever ops can pull on (see /drivers for others). */
const DRIVER_DIMENSION = 'supplier' as const;

export const load: PageServerLoad = async ({ parent, url }) => {
	const { context, filters } = await parent();
	// the period the tiles compare with: compare_from/compare_to when the URL gives them, else the previous one
	const compare = comparisonPeriod(filters, readCompare(url.searchParams));
	if (!context.hasData) return { current: null, previous: null, compare, trend: [], drivers: null, error: null };
	const f: MetricFilters = metricFilters(filters);
	const scenario = await pageScenario(filters.scenario);
	try {
		const version = await dataVersion();
		const prev = compare;
		// The comparison period is only for the tiles' change figures and the narrative's trend sentence.
		const [current, previous] = await Promise.all([
			ledgerSummary(f, scenario, { version }),
			context.firstOrder && prev.to >= context.firstOrder
				? ledgerSummary({ ...f, ...prev }, scenario, { version })
				: Promise.resolve(null)
		]);
		const [trend, bySupplier] = await Promise.all([
			ledgerTrend(f, scenario, current, version),
			breakdown(f, DRIVER_DIMENSION, null, scenario, { version })
		]);
		// the five suppliers whose attributed backorder cost is largest, with their share of the total
		const drivers = {
			dim: DRIVER_DIMENSION,
			total: bySupplier.totals.total,
			unattributed: bySupplier.unattributed.total,
			top: bySupplier.members
				.filter((m) => m.kind === 'member' && m.total > 0)
				.slice(0, 5)
				.map((m) => ({ member: m.member, label: m.label, total: m.total, backordered_lines: m.backordered_lines }))
		};
		return { current, previous, compare, trend, drivers, error: null };
	} catch (e) {
		return { current: null, previous: null, compare, trend: [], drivers: null, error: e instanceof Error ? e.message : String(e) };
	}
};
