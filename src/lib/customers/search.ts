/**
 * The customer type-ahead's request rules and messages, shared by the API route, the filter bar and the
 * pages' "No such customer" state. Pure and browser-safe.
 */
import { MAX_FILTER_LENGTH } from '$lib/filters';

export const SEARCH_DEFAULT_LIMIT = 10;
export const SEARCH_MAX_LIMIT = 50;

export interface CustomerHit {
	customer_id: string;
	name: string | null;
	segment: string | null;
	region: string | null;
}

export type SearchRequest = { ok: true; q: string; limit: number } | { ok: false; error: string };

/** Reads `?q=&limit=`: q is trimmed and lower-cased (the query compares lower-cased text). */
export function readSearch(params: URLSearchParams): SearchRequest {
	for (const k of params.keys()) if (k !== 'q' && k !== 'limit') return { ok: false, error: `unknown parameter "${k.slice(0, 40)}"` };
	const q = (params.get('q') ?? '').trim();
	if (!q) return { ok: false, error: 'q is required: an id or part of a name' };
	if (q.length > MAX_FILTER_LENGTH) return { ok: false, error: `q is longer than ${MAX_FILTER_LENGTH} characters` };
	const raw = params.get('limit');
	let limit = SEARCH_DEFAULT_LIMIT;
	if (raw !== null) {
		if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > SEARCH_MAX_LIMIT) return { ok: false, error: `limit must be a whole number from 1 to ${SEARCH_MAX_LIMIT}` };
		limit = Number(raw);
	}
	return { ok: true, q: q.toLowerCase(), limit };
}

/** The message every page and /api/summary give for a customer filter that names no customer. */
export const noSuchCustomer = (id: string) => `No such customer: ${id}`;

/** What the box shows for a hit: "Name (ID)", or the id alone. */
export const hitLabel = (h: Pick<CustomerHit, 'customer_id' | 'name'>) => (h.name && h.name !== h.customer_id ? `${h.name} (${h.customer_id})` : h.customer_id);
