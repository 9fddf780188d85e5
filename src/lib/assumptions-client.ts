/**
 * Browser side of the write APIs (assumptions, data uploads): JSON requests that carry the session
 * cookie (same-origin) and, when the user typed one, `Authorization: Bearer <token>` kept in
 * sessionStorage under the same key the working-capital builder uses. Answers are never thrown: a
 * failure comes back as `{ ok: false, status, error, fields }` for the page to show.
 */
import { ASSUMPTION_FIELDS, applyEdit, flatten, normaliseTokens, type AssumptionValues, type FieldErrors } from '$lib/metrics/assumptions';
import { normaliseKeywords } from '$lib/metrics/keywords';

export const TOKEN_KEY = 'ledger.token';

export type ApiResult<T> =
	| { ok: true; status: number; body: T }
	| { ok: false; status: number; error: string; fields: Record<string, string> };

export function storedToken(): string {
	try {
		return sessionStorage.getItem(TOKEN_KEY) ?? '';
	} catch {
		return '';
	}
}

export function storeToken(token: string): void {
	try {
		if (token.trim()) sessionStorage.setItem(TOKEN_KEY, token.trim());
		else sessionStorage.removeItem(TOKEN_KEY);
	} catch {
		// storage disabled: the token is simply not remembered
	}
}

export function authHeaders(token: string = storedToken()): Record<string, string> {
	return token.trim() ? { authorization: `Bearer ${token.trim()}` } : {};
}

/** The API's own message, plainly (the status when the body has none). */
export function errorText(status: number, body: unknown): string {
	const b = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown };
	return typeof b.error === 'string' && b.error ? b.error : `the server answered ${status}`;
}

export function fieldErrors(body: unknown): Record<string, string> {
	const f = (typeof body === 'object' && body !== null ? (body as { fields?: unknown }).fields : null) ?? null;
	if (typeof f !== 'object' || f === null) return {};
	return Object.fromEntries(Object.entries(f as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

export async function apiRequest<T = unknown>(
	method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE',
	url: string,
	body?: unknown,
	fetcher: typeof fetch = fetch
): Promise<ApiResult<T>> {
	const headers: Record<string, string> = { ...authHeaders() };
	if (body !== undefined) headers['content-type'] = 'application/json';
	try {
		const res = await fetcher(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const parsed: unknown = await res.json().catch(() => null);
		if (res.ok) return { ok: true, status: res.status, body: parsed as T };
		return { ok: false, status: res.status, error: errorText(res.status, parsed), fields: fieldErrors(parsed) };
	} catch (e) {
		return { ok: false, status: 0, error: `the server could not be reached (${e instanceof Error ? e.message : String(e)})`, fields: {} };
	}
}

// ---- the assumptions form: drafts as text, turned into a partial edit the API accepts ----


/** The form's state: one text per flat path (`channel_cost.phone`), keywords one per line. */
export type Draft = Record<string, string>;

/**
 * Rates (the carrying-rate components, fallback margin and win rate) are typed in percent everywhere, as
 * the /capital builder takes them, and stored as fractions: 25 in the form is 0.25 in the scenario.
 */
const RATE_PATHS = new Set(ASSUMPTION_FIELDS.filter((f) => f.kind === 'rate').flatMap((f) => (f.keys ? f.keys.map((k) => `${f.key}.${k}`) : [f.key])));
export const isPercentPath = (path: string) => RATE_PATHS.has(path);

/** A stored fraction as the percent the form shows (0.07 → "7", not "7.000000000000001"). */
export const percentText = (fraction: number) => String(Number((fraction * 100).toPrecision(12)));

export function toDraft(v: AssumptionValues): Draft {
	const out: Draft = {};
	for (const [k, x] of Object.entries(flatten(v))) out[k] = Array.isArray(x) ? x.join('\n') : typeof x === 'number' && RATE_PATHS.has(k) ? percentText(x) : String(x);
	return out;
}

export function draftKeywords(text: string): string[] {
	return normaliseKeywords(text.split(/\r?\n|,/));
}

const asNumber = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim().replace(/%$/, '').trim()));
/** The number a path's text stands for: percent paths are divided by 100. */
const valueOf = (path: string, s: string) => (RATE_PATHS.has(path) ? asNumber(s) / 100 : asNumber(s));
/** Unchanged: the same number, or for a percent the same to 12 digits (25 % → 0.25 exactly is not guaranteed). */
const same = (path: string, n: number, base: unknown) =>
	Object.is(n, base) || (RATE_PATHS.has(path) && typeof base === 'number' && Number.isFinite(n) && Math.abs(n - base) < 1e-12);

/**
 * The partial edit a draft stands for (only values that differ from `current`), and the errors the
 * shared validation finds in it, keyed by path like the API's.
 */
export function draftEdit(draft: Draft, current: AssumptionValues): { edit: Record<string, unknown>; errors: FieldErrors; changed: string[] } {
	const base = flatten(current);
	const edit: Record<string, unknown> = {};
	const changed: string[] = [];
	for (const f of ASSUMPTION_FIELDS) {
		if (f.keys) {
			const part: Record<string, number> = {};
			for (const k of f.keys) {
				const path = `${f.key}.${k}`;
				const n = valueOf(path, draft[path] ?? '');
				if (!same(path, n, base[path])) {
					part[k] = n;
					changed.push(path);
				}
			}
			if (Object.keys(part).length) edit[f.key] = part;
		} else if (f.kind === 'keywords' || f.kind === 'tokens') {
			const text = draft[f.key] ?? '';
			const list = f.kind === 'keywords' ? draftKeywords(text) : normaliseTokens(text.split(/\r?\n/));
			if (JSON.stringify(list) !== JSON.stringify(base[f.key])) {
				edit[f.key] = list;
				changed.push(f.key);
			}
		} else if (f.kind === 'currency') {
			const c = (draft[f.key] ?? '').trim().toUpperCase();
			if (c !== base[f.key]) {
				edit[f.key] = c;
				changed.push(f.key);
			}
		} else {
			const n = valueOf(f.key, draft[f.key] ?? '');
			if (!same(f.key, n, base[f.key])) {
				edit[f.key] = n;
				changed.push(f.key);
			}
		}
	}
	const checked = applyEdit(current, edit);
	const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
	// the shared validation speaks fractions; the form speaks percent
	for (const [path, msg] of Object.entries(errors)) if (RATE_PATHS.has(path)) errors[path] = msg.replace(/at most 1$/, 'at most 100%').replace(/at least 1$/, 'at least 100%');
	return { edit, errors, changed };
}
