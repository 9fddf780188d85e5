/**
 * The one access check (issue 10), run by `src/hooks.server.ts` before every page, API route and
 * export. With no token configured it lets everything through (the default: a local, single-user
 * dashboard bound to 127.0.0.1). With `LEDGER_TOKEN` and/or `LEDGER_VIEWER_TOKEN` set:
 * - a request is identified by `Authorization: Bearer <token>` (API clients) or by the session cookie
 *   set by /signin (browsers);
 * - without either, API calls and non-HTML requests get 401 JSON, page navigations a 303 to
 *   /signin?next=<where they were going>;
 * - anything but GET/HEAD/OPTIONS needs the editor role (403 JSON otherwise), and when the role comes
 *   from the cookie the request must come from this origin (the cookie is SameSite=Lax as well);
 * - wrong bearer tokens count as failed sign-ins for the per-address rate limit.
 * Static files (/_app/immutable, favicon, theme-init.js) are served before hooks and carry no data.
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { recordFailure, retryAfter } from './rate-limit';
import { getSession, SESSION_COOKIE } from './sessions';
import { accessControlled, bearerToken, roleForToken, type Role } from './tokens';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Reachable without a session: exactly the sign-in form, its script and sign-out. Exact paths, not a
 * prefix: any other path under /signin would be a 404 rendered in the root layout (issue 19).
 */
const PUBLIC = new Set(['/signin', '/signin/form.js', '/signout']);

export function isPublic(pathname: string): boolean {
	return PUBLIC.has(pathname);
}

/** The role the hook granted each request, for route-level checks (see `roleOf`). */
const granted = new WeakMap<Request, Role>();

/** The role the access hook granted this request: 'editor' when access control is off; null if none. */
export function roleOf(request: Request): Role | null {
	return granted.get(request) ?? null;
}

export function clientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress() || 'unknown';
	} catch {
		return 'unknown';
	}
}

const jsonError = (status: number, error: string, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify({ error }), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }
	});

export function tooManyAttempts(seconds: number): Response {
	return jsonError(429, `too many failed sign-ins from this address: try again in ${seconds} s`, {
		'retry-after': String(seconds)
	});
}

/** A same-site path to return to after sign-in: only local absolute paths, never `//host` or `/\host`. */
export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	if (/[\u0000-\u001f]/.test(next) || isPublic(next.replace(/[?#].*$/s, ''))) return '/';
	return next;
}

function wantsPage(event: RequestEvent): boolean {
	if (event.url.pathname.startsWith('/api/')) return false;
	if (!SAFE_METHODS.has(event.request.method)) return false;
	if (event.isDataRequest) return true; // client-side navigation: kit turns the 303 into its JSON redirect
	return (event.request.headers.get('accept') ?? '').includes('text/html');
}

/**
 * A request that must come from a page of this site: the browser's own Sec-Fetch-Site when it sends
 * one, else the Origin's host. Not `url.origin`: adapter-node assumes https unless ORIGIN or
 * PROTOCOL_HEADER says otherwise, so a plain-http page on 127.0.0.1 would never match it.
 */
export function crossSite(event: Pick<RequestEvent, 'request' | 'url'>): boolean {
	const site = event.request.headers.get('sec-fetch-site');
	if (site !== null) return site !== 'same-origin' && site !== 'none';
	const origin = event.request.headers.get('origin');
	if (origin === null) return false;
	try {
		return new URL(origin).host !== event.url.host;
	} catch {
		return true; // "null" or garbage
	}
}

/**
 * Whether the session cookie gets the Secure attribute: on https, except on a loopback host (traffic
 * never leaves the machine, and adapter-node reports https for plain http unless told otherwise).
 */
export function secureCookie(url: URL): boolean {
	if (process.env.ORIGIN?.trim().startsWith('https:')) return true;
	const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.');
	return url.protocol === 'https:' && !loopback;
}

export const handleAccess: Handle = async ({ event, resolve }) => {
	if (!accessControlled()) {
		granted.set(event.request, 'editor');
		return resolve(event);
	}
	const path = event.url.pathname;
	let role: Role | null = null;
	let viaCookie = false;
	const bearer = bearerToken(event.request);
	if (bearer !== null) {
		const ip = clientAddress(event);
		const wait = retryAfter(ip);
		if (wait) return tooManyAttempts(wait);
		role = roleForToken(bearer);
		if (!role) {
			recordFailure(ip);
			return jsonError(401, 'the bearer token is not valid', { 'www-authenticate': 'Bearer' });
		}
	} else {
		const session = getSession(event.cookies.get(SESSION_COOKIE));
		if (session) {
			role = session.role;
			viaCookie = true;
		}
	}
	if (role) granted.set(event.request, role);
	if (isPublic(path)) return resolve(event);

	if (!role) {
		if (wantsPage(event)) {
			const next = event.url.pathname + event.url.search;
			const location = next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;
			return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
		}
		return jsonError(401, 'sign in at /signin, or send the header "Authorization: Bearer <token>"', {
			'www-authenticate': 'Bearer'
		});
	}
	if (!SAFE_METHODS.has(event.request.method)) {
		if (role !== 'editor') return jsonError(403, 'changes need the editor role: sign in with the editor token (LEDGER_TOKEN)');
		if (viaCookie && crossSite(event)) return jsonError(403, 'cross-site changes are refused');
	}
	return resolve(event);
};

/** Headers every dynamic response carries; the Content-Security-Policy of pages comes from kit.csp. */
export const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'same-origin',
	'cross-origin-opener-policy': 'same-origin'
};

export const handleHeaders: Handle = async ({ event, resolve }) => {
	let response = await resolve(event);
	try {
		for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!response.headers.has(k)) response.headers.set(k, v);
	} catch {
		// the headers of a fetched Response are immutable: copy it
		response = new Response(response.body, response);
		for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!response.headers.has(k)) response.headers.set(k, v);
	}
	if ((response.headers.get('content-type') ?? '').startsWith('application/json') && !response.headers.has('content-security-policy')) {
		// an API answer is data, never a document: nothing in it may load or run if opened directly
		response.headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
	}
	if (accessControlled() && !/no-store|private/.test(response.headers.get('cache-control') ?? '')) {
		// signed-in content must not be kept by a shared cache (a reverse proxy or CDN)
		response.headers.set('cache-control', 'private, no-cache');
	}
	return response;
};
