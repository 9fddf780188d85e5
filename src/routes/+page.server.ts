import { activeScenario } from '$lib/server/assumptions/store';
import { dataVersion, ledgerSummary } from '$lib/server/metrics/summary';
import { ledgerTrend } from '$lib/server/metrics/trend';
import { previousPeriod } from '$lib/ledger/compare';
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { context, filters } = await parent();
	if (!context.hasData) return { current: null, previous: null, trend: [], error: null };
	const f: MetricFilters = { ...filters };
	try {
		const [scenario, version] = await Promise.all([activeScenario(), dataVersion()]);
		const prev = previousPeriod(f);
		// The previous period is only for the tiles' change figures and the narrative's trend sentence.
		const [current, previous] = await Promise.all([
			ledgerSummary(f, scenario, { version }),
			context.firstOrder && prev.to >= context.firstOrder
				? ledgerSummary({ ...f, ...prev }, scenario, { version })
				: Promise.resolve(null)
		]);
		const trend = await ledgerTrend(f, scenario, current, version);
		return { current, previous, trend, error: null };
	} catch (e) {
		return { current: null, previous: null, trend: [], error: e instanceof Error ? e.message : String(e) };
	}
};
