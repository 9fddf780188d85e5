import { pageScenario } from '$lib/server/assumptions/requested';
import { metricFilters } from '$lib/url-state';
import { customersOverview } from '$lib/server/customers/overview';
import { readCustomerParams } from '$lib/customers/params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url }) => {
	const { context, filters } = await parent();
	const params = readCustomerParams(url.searchParams);
	if (!context.hasData) return { overview: null, params, error: null };
	const scenario = await pageScenario(filters.scenario);
	try {
		return { overview: await customersOverview(metricFilters(filters), scenario, params), params, error: null };
	} catch (e) {
		console.error('customers:', e);
		return { overview: null, params, error: e instanceof Error ? e.message : String(e) };
	}
};
