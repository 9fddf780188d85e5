import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { BadRequest, handle } from '$lib/server/assumptions/http';
import { keywordMatches } from '$lib/server/assumptions/keyword-matches';
import { activeScenario } from '$lib/server/assumptions/store';
import { parseFilters, withPeriod } from '$lib/filters';
import { defaultPeriod } from '$lib/metrics/period';
import { dataRange } from '$lib/server/data-version';

/**
 * Which reason values the active scenario's keywords match, with row counts:
 * `?from&to&segment&region` (defaults: the ledger's default period).
 */
export const GET: RequestHandler = ({ url }) =>
	handle(async () => {
		const parsed = parseFilters(url.searchParams);
		if (!parsed.ok) throw new BadRequest(parsed.error);
		const r = await dataRange().catch(() => null);
		const f = parsed.value.filters;
		if (!r?.first_order || !r.last_order) {
			if (!f.from || !f.to) return json({ scenario: (await activeScenario()).name, matches: [] });
		}
		const full = withPeriod(f, r?.first_order && r.last_order ? defaultPeriod(r.first_order, r.last_order) : { from: f.from!, to: f.to! });
		if (!full.ok) throw new BadRequest(full.error);
		const s = await activeScenario();
		return json({ scenario: s.name, period: { from: full.value.from, to: full.value.to }, matches: await keywordMatches(full.value, s.assumptions.keywords) });
	});
