import type { PageServerLoad } from './$types';
import { METRIC_DEFINITIONS } from '$lib/metrics/definitions';
import { readSql } from '$lib/server/db';
import { activeScenario } from '$lib/server/assumptions/store';

/** The SQL behind each figure, read from the same files the queries run, and the active scenario. */
export const load: PageServerLoad = async () => {
	const names = [...new Set(METRIC_DEFINITIONS.map((d) => d.query).filter((q): q is string => q !== null))];
	const sql: Record<string, string> = {};
	for (const n of names) {
		try {
			sql[n] = readSql(n);
		} catch {
			sql[n] = '-- not available';
		}
	}
	let scenario: { name: string; values: Awaited<ReturnType<typeof activeScenario>>['assumptions'] } | null = null;
	let error: string | null = null;
	try {
		const s = await activeScenario();
		scenario = { name: s.name, values: s.assumptions };
	} catch (e) {
		error = e instanceof Error ? e.message : String(e);
	}
	return { sql, scenario, error };
};
