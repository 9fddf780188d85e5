import { json } from '@sveltejs/kit';
import { readSearch } from '$lib/customers/search';
import { searchCustomers } from '$lib/server/customers/lookup';
import type { RequestHandler } from './$types';

/** GET /api/customers/search?q=…&limit=…: the filter bar's type-ahead over every customer, by id or name. */
export const GET: RequestHandler = async ({ url }) => {
	const req = readSearch(url.searchParams);
	if (!req.ok) return json({ error: req.error }, { status: 400 });
	try {
		return json({ q: req.q, customers: await searchCustomers(req.q, req.limit) }, { headers: { 'cache-control': 'no-store' } });
	} catch (e) {
		return json({ error: e instanceof Error ? e.message : String(e) }, { status: 500 });
	}
};
