import { pageScenario } from '$lib/server/assumptions/requested';
import { metricFilters } from '$lib/url-state';
import { dataVersion } from '$lib/server/metrics/summary';
import { backordersPage } from '$lib/server/backorders/page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { context, filters } = await parent();
	if (!context.hasData) return { view: null, error: null };
	// ?scenario= prices the queue under a saved scenario without activating it (an unknown name is a 400)
	const scenario = await pageScenario(filters.scenario);
	try {
		const version = await dataVersion();
		return { view: await backordersPage(metricFilters(filters), scenario, version), error: null };
	} catch (e) {
		console.error('backorders:', e);
		return { view: null, error: e instanceof Error ? e.message : String(e) };
	}
};
