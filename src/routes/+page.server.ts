import { activeScenario } from '$lib/server/assumptions/store';
import { ledgerSummary } from '$lib/server/metrics/summary';
import { previousPeriod } from '$lib/ledger/compare';
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { context, filters } = await parent();
	if (!context.hasData) return { current: null, previous: null, error: null };
	const f: MetricFilters = { ...filters };
	try {
		const scenario = await activeScenario();
		// The previous period is only for the tiles' change figures and the narrative's trend sentence.
		const [current, previous] = await Promise.all([
			ledgerSummary(f, scenario),
			context.firstOrder && previousPeriod(f).to >= context.firstOrder
				? ledgerSummary({ ...f, ...previousPeriod(f) }, scenario)
				: Promise.resolve(null)
		]);
		return { current, previous, error: null };
	} catch (e) {
		return { current: null, previous: null, error: e instanceof Error ? e.message : String(e) };
	}
};
