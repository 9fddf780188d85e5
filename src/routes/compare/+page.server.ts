import { error } from '@sveltejs/kit';
import { pageScenario, requestedScenario } from '$lib/server/assumptions/requested';
import { activeScenario, listScenarios, type Scenario } from '$lib/server/assumptions/store';
import { capitalData } from '$lib/server/metrics/capital';
import { dataVersion, ledgerSummary } from '$lib/server/metrics/summary';
import { ledgerB } from '$lib/capital/terms';
import { compareFigures } from '$lib/ledger/figures';
import { metricFilters, readCompare } from '$lib/url-state';
import type { PageServerLoad } from './$types';

/**
 * Two scenarios side by side (issue 17): `/compare?scenario=A&vs=B` plus the filters. A is the URL's
 * scenario (else the active one), B is `vs` (else the active one). Every ledger figure under each, with
 * A − B, and each scenario's capital curve. Neither is activated.
 */
export const load: PageServerLoad = async ({ parent, url }) => {
	const { context, filters } = await parent();
	const scenarios = (await listScenarios()).map((s) => s.name);
	const a = await pageScenario(filters.scenario);
	const vs = readCompare(url.searchParams).vs;
	if (url.searchParams.has('vs') && !vs) error(400, 'vs must name a saved scenario');
	const requested = vs ? await requestedScenario(vs) : { ok: true as const, scenario: await activeScenario() };
	if (!requested.ok) error(400, requested.error);
	const b = requested.scenario;
	const base = { a: a.name, b: b.name, scenarios };
	if (!context.hasData) return { ...base, rows: [], curves: null, currency: 'USD', error: null };
	if (a.name === b.name) return { ...base, rows: [], curves: null, currency: 'USD', error: null };
	const f = metricFilters(filters);
	try {
		const version = await dataVersion();
		const [sa, sb] = await Promise.all([ledgerSummary(f, a, { version }), ledgerSummary(f, b, { version })]);
		const curve = async (s: Scenario, summary: typeof sa) => {
			const unit = ledgerB(summary);
			const c = await capitalData(f, unit, s.assumptions.carrying_rate, s.assumptions.baseline_days);
			const r = c.filtered.result;
			return { name: s.name, curve: r.curve, today: r.today, optimum: r.optimum, b: unit, carrying_rate: s.assumptions.carrying_rate };
		};
		const [ca, cb] = await Promise.all([curve(a, sa), curve(b, sb)]);
		return { ...base, rows: compareFigures(sa, sb), curves: { a: ca, b: cb }, currency: sa.currency, error: null };
	} catch (e) {
		return { ...base, rows: [], curves: null, currency: 'USD', error: e instanceof Error ? e.message : String(e) };
	}
};
