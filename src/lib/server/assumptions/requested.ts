/**
 * `?scenario=NAME` (issue 17): a page or API prices under a saved scenario without activating it. An
 * unknown name is the caller's mistake — a 400 with the names that exist — never a silent fallback to
 * the active scenario, which would show the active figures under the requested name.
 */
import { error } from '@sveltejs/kit';
import { activeScenario, getScenario, listScenarios, type Scenario } from './store';

export type Requested = { ok: true; scenario: Scenario } | { ok: false; error: string };

export async function requestedScenario(name: string | null | undefined): Promise<Requested> {
	if (!name) return { ok: true, scenario: await activeScenario() };
	const s = await getScenario(name);
	if (s) return { ok: true, scenario: s };
	const names = (await listScenarios()).map((x) => x.name);
	return { ok: false, error: `no scenario named "${name.slice(0, 60)}"; saved scenarios: ${names.join(', ')}` };
}

/** For page loads: the scenario, or a 400 error page that says which names exist. */
export async function pageScenario(name: string | null | undefined): Promise<Scenario> {
	const r = await requestedScenario(name);
	if (!r.ok) error(400, r.error);
	return r.scenario;
}
