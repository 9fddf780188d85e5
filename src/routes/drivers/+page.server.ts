import { pageScenario } from '$lib/server/assumptions/requested';
import { metricFilters } from '$lib/url-state';
import { driversPage, PickError } from '$lib/server/drivers/page-data';
import { readView } from '$lib/drivers/dimensions';
import type { PageServerLoad } from './$types';

/** The page's breakdowns: src/lib/server/drivers/page-data.ts. */
export const load: PageServerLoad = async ({ parent, url }) => {
	const { context, filters } = await parent();
	const view = readView(url.searchParams);
	const empty = { view, main: null, heat: null, focus: null, error: null as string | null };
	if (!context.hasData) return empty;
	const scenario = await pageScenario(filters.scenario);
	try {
		return { view, ...(await driversPage(metricFilters(filters), view, scenario)), error: null };
	} catch (e) {
		if (e instanceof PickError) return { ...empty, error: `This cross-filter selects nothing: ${e.message}. Remove a chip to continue.` };
		console.error('drivers:', e);
		return { ...empty, error: e instanceof Error ? e.message : String(e) };
	}
};
