import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { summaryResponse } from '$lib/server/metrics/summary';

/** The executive ledger as JSON (DESIGN §6): `?from&to&segment&region&category&supplier&sales_rep&customer[&scenario]`. */
export const GET: RequestHandler = async ({ url }) => {
	const r = await summaryResponse(url.searchParams);
	return json(r.body, { status: r.status, headers: { 'cache-control': 'no-store' } });
};
