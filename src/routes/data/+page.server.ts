import { pageScenario } from '$lib/server/assumptions/requested';
import { dataOverview, type DataOverview } from '$lib/server/data/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { filters } = await parent();
	const tokenRequired = Boolean(process.env.LEDGER_TOKEN);
	const scenario = await pageScenario(filters.scenario);
	try {
		const overview = await dataOverview(scenario.assumptions.keywords);
		return { overview, scenario: scenario.name, keywords: scenario.assumptions.keywords.length, tokenRequired, error: null };
	} catch (e) {
		const empty: DataOverview = { tables: [], rejects: [], references: [], shares: [], overlap: [], errors: [], data_version: '0' };
		return { overview: empty, scenario: null, keywords: 0, tokenRequired, error: e instanceof Error ? e.message : String(e) };
	}
};
