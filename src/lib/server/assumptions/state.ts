/** What GET /api/assumptions answers: the active scenario, its values, the defaults and the field specs. */
import { ASSUMPTION_FIELDS, DEFAULT_ASSUMPTIONS, resolveAssumptions } from '$lib/metrics/assumptions';
import { activeScenario, listScenarios } from './store';

export async function assumptionsState() {
	const [active, scenarios] = await Promise.all([activeScenario(), listScenarios()]);
	return {
		scenario: { name: active.name, created_at: active.created_at, updated_at: active.updated_at },
		values: active.assumptions,
		defaults: resolveAssumptions(DEFAULT_ASSUMPTIONS),
		fields: ASSUMPTION_FIELDS,
		scenarios
	};
}
