import { activeScenario } from '$lib/server/assumptions/store';
import { dataVersion } from '$lib/server/metrics/summary';
import { backordersPage } from '$lib/server/backorders/page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { context, filters } = await parent();
	if (!context.hasData) return { view: null, error: null };
	try {
		const [scenario, version] = await Promise.all([activeScenario(), dataVersion()]);
		return { view: await backordersPage({ ...filters }, scenario, version), error: null };
	} catch (e) {
		console.error('backorders:', e);
		return { view: null, error: e instanceof Error ? e.message : String(e) };
	}
};
