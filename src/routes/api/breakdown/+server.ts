import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isDimension } from '$lib/drivers/dimensions';
import { breakdown, parseDriversRequest } from '$lib/server/drivers/breakdown';

/**
 * The ledger broken down by one dimension (`dim`, required) or two (`dim2`, for a heat map):
 * `?dim=supplier[&dim2=month][&from&to&segment&region&category&supplier&sales_rep&customer]
 * [&pick=dimension:value…][&scenario]`. Members + `unattributed` add up to `totals`, which equal the
 * /api/summary components of the same filters; `not_attributable` is what the filters cannot reach.
 */
export const GET: RequestHandler = async ({ url }) => {
	const req = await parseDriversRequest(url.searchParams, ['dim', 'dim2']);
	if (!req.ok) return json({ error: req.error }, { status: req.status });
	const dim = req.extra.dim;
	const dim2 = req.extra.dim2 ?? null;
	if (!isDimension(dim)) return json({ error: `"dim" must be one of sku, category, supplier, customer, segment, region, sales_rep, channel, month` }, { status: 400 });
	if (dim2 !== null && (!isDimension(dim2) || dim2 === dim)) return json({ error: `"dim2" must be another dimension than "dim"` }, { status: 400 });
	try {
		const body = await breakdown(req.filters, dim, dim2, req.scenario, { version: req.version, ratesPeriod: req.period });
		return json(body, { headers: { 'cache-control': 'no-store' } });
	} catch (e) {
		console.error('breakdown:', e);
		return json({ error: e instanceof Error ? e.message : String(e) }, { status: 500 });
	}
};
