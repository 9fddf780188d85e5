import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { backordersResponse } from '$lib/server/backorders/api';

/** The open backorder lines with their priority terms, sorted, and their count (DESIGN §4, §6). */
export const GET: RequestHandler = async ({ url }) => {
	const r = await backordersResponse(url.searchParams);
	return json(r.body, { status: r.status, headers: { 'cache-control': 'no-store' } });
};
