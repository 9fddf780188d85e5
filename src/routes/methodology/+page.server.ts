import type { PageServerLoad } from './$types';
import { METRIC_DEFINITIONS } from '$lib/metrics/definitions';
import { readSql } from '$lib/server/db';
import type { Scenario } from '$lib/server/assumptions/store';
import { requestedScenario } from '$lib/server/assumptions/requested';

/** The SQL behind each figure, read from the same files the queries run, and the active scenario. */
export const load: PageServerLoad = async ({ parent }) => {
	const { filters } = await parent();
	const names = [...new Set(METRIC_DEFINITIONS.map((d) => d.query).filter((q): q is string => q !== null))];
	const sql: Record<string, string> = {};
	for (const n of names) {
		try {
			sql[n] = readSql(n);
		} catch {
			sql[n] = '-- not available';
		}
	}
	let scenario: { name: string; values: Scenario['assumptions'] } | null = null;
	let error: string | null = null;
	try {
		const r = await requestedScenario(filters.scenario);
		if (r.ok) scenario = { name: r.scenario.name, values: r.scenario.assumptions };
		else error = r.error;
	} catch (e) {
		error = e instanceof Error ? e.message : String(e);
	}
	return { sql, scenario, error };
};
