/** GET /api/backorders paging parameters (`limit`, `offset`): whole numbers in range, or a 400's message. Pure. */
export const BACKORDERS_PAGE = 100;
export const BACKORDERS_MAX_LIMIT = 1000;

export type Paging = { ok: true; limit: number; offset: number } | { ok: false; error: string };

function whole(name: string, raw: string | undefined, fallback: number, min: number, max: number): number | string {
	if (raw === undefined) return fallback;
	if (!/^\d{1,10}$/.test(raw)) return `"${name}" must be a whole number, got "${raw.slice(0, 20)}"`;
	const n = Number(raw);
	if (n < min || n > max) return `"${name}" must be between ${min} and ${max}, got ${n}`;
	return n;
}

export function parsePaging(extra: Record<string, string>): Paging {
	const limit = whole('limit', extra.limit, BACKORDERS_PAGE, 1, BACKORDERS_MAX_LIMIT);
	if (typeof limit === 'string') return { ok: false, error: limit };
	const offset = whole('offset', extra.offset, 0, 0, 1e9);
	if (typeof offset === 'string') return { ok: false, error: offset };
	return { ok: true, limit, offset };
}
