import { assumptionsState } from '$lib/server/assumptions/state';
import { history } from '$lib/server/assumptions/store';
import { reasonValues } from '$lib/server/data/reasons';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	try {
		const [state, changes, reasons] = await Promise.all([assumptionsState(), history(null, 400), reasonValues().catch(() => [])]);
		return {
			state: { scenario: state.scenario, values: state.values, defaults: state.defaults, scenarios: state.scenarios },
			changes,
			reasons,
			tokenRequired: Boolean(process.env.LEDGER_TOKEN),
			error: null
		};
	} catch (e) {
		return { state: null, changes: [], reasons: [], tokenRequired: Boolean(process.env.LEDGER_TOKEN), error: e instanceof Error ? e.message : String(e) };
	}
};
