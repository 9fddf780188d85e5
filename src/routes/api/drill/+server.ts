import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { drill, parseDrillRequest } from '$lib/server/drivers/drill';

/**
 * The records behind a breakdown figure, paged and searchable:
 * `?kind=lines|contacts|deals[&m=dimension:member][&q=text][&limit=50][&offset=0]` plus the filters and
 * picks of /api/breakdown. `total_cost` (over every matching row) equals the member's figure.
 */
export const GET: RequestHandler = async ({ url }) => {
	const p = await parseDrillRequest(url.searchParams);
	if (!p.ok) return json({ error: p.error }, { status: p.status });
	try {
		return json(await drill(p.req, p.scenario, p.version), { headers: { 'cache-control': 'no-store' } });
	} catch (e) {
		console.error('drill:', e);
		return json({ error: e instanceof Error ? e.message : String(e) }, { status: 500 });
	}
};
