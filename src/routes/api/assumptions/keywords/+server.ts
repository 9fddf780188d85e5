import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { BadRequest, handle } from '$lib/server/assumptions/http';
import { keywordMatches } from '$lib/server/assumptions/keyword-matches';
import { requestedScenario } from '$lib/server/assumptions/requested';
import { parseFilters, withPeriod } from '$lib/filters';
import { defaultPeriod } from '$lib/metrics/period';
import { dataRange } from '$lib/server/data-version';

/**
 * Which reason values the active scenario's keywords match, with row counts:
 * `?from&to&segment&region[&scenario]` (defaults: the ledger's default period).
 */
export const GET: RequestHandler = ({ url }) =>
	handle(async () => {
		const parsed = parseFilters(url.searchParams, ['scenario']);
		if (!parsed.ok) throw new BadRequest(parsed.error);
		const requested = await requestedScenario(parsed.value.extra.scenario);
		if (!requested.ok) throw new BadRequest(requested.error);
		const s = requested.scenario;
		const r = await dataRange().catch(() => null);
		const f = parsed.value.filters;
		if (!r?.first_order || !r.last_order) {
			if (!f.from || !f.to) return json({ scenario: s.name, matches: [] });
		}
		const full = withPeriod(f, r?.first_order && r.last_order ? defaultPeriod(r.first_order, r.last_order) : { from: f.from!, to: f.to! });
		if (!full.ok) throw new BadRequest(full.error);
		return json({ scenario: s.name, period: { from: full.value.from, to: full.value.to }, matches: await keywordMatches(full.value, s.assumptions.keywords) });
	});
