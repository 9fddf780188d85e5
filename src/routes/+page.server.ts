import { pageScenario } from '$lib/server/assumptions/requested';
import { metricFilters, readCompare } from '$lib/url-state';
import { homeData } from '$lib/server/metrics/home';
import { comparisonPeriod } from '$lib/periods';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url }) => {
	const { context, filters } = await parent();
	// the period the tiles compare with: compare_from/compare_to when the URL gives them, else the previous one
	const compare = comparisonPeriod(filters, readCompare(url.searchParams));
	if (!context.hasData) return { current: null, previous: null, compare, trend: [], drivers: null, error: null };
	const scenario = await pageScenario(filters.scenario);
	try {
		return { ...(await homeData(metricFilters(filters), scenario, compare, context.firstOrder)), compare, error: null };
	} catch (e) {
		return { current: null, previous: null, compare, trend: [], drivers: null, error: e instanceof Error ? e.message : String(e) };
	}
};
