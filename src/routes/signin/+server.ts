import { json, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import {
	accessControlled,
	clearFailures,
	clientAddress,
	createSession,
	crossSite,
	deleteSession,
	getSession,
	recordFailure,
	retryAfter,
	roleForToken,
	safeNext,
	secureCookie,
	SESSION_COOKIE,
	sessionSeconds
} from '$lib/server/auth';
import { htmlResponse, signInPage } from '$lib/server/auth/page';

/** The sign-in form. Already signed in, or no token configured: straight on to `next`. */
export const GET: RequestHandler = ({ url, cookies }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (!accessControlled() || getSession(cookies.get(SESSION_COOKIE))) redirect(303, next);
	return htmlResponse(signInPage({ next }));
};

/**
 * Checks the token (rate-limited per address), starts a session in an HttpOnly cookie and goes on to
 * `next`. The page's script (/signin/form.js) posts JSON `{ token, next }` and gets JSON back: that
 * works whatever origin adapter-node believes it has. Without script the form posts as a form, which
 * kit's CSRF check accepts only when ORIGIN (or PROTOCOL_HEADER) tells the server its real origin.
 */
export const POST: RequestHandler = async (event) => {
	const { request, url, cookies } = event;
	const asJson = (request.headers.get('content-type') ?? '').startsWith('application/json');
	let token = '';
	let next = '/';
	try {
		if (asJson) {
			const body = (await request.json()) as Record<string, unknown>;
			token = typeof body.token === 'string' ? body.token : '';
			next = safeNext(typeof body.next === 'string' ? body.next : '/');
		} else {
			const form = await request.formData();
			token = String(form.get('token') ?? '');
			next = safeNext(String(form.get('next') ?? '/'));
		}
	} catch {
		return asJson ? json({ error: 'send { "token": "…" }' }, { status: 400 }) : htmlResponse(signInPage({ next, error: 'Send the form with a token.' }), 400);
	}
	const answer = (status: number, error: string, headers: Record<string, string> = {}) =>
		asJson ? json({ error }, { status, headers }) : htmlResponse(signInPage({ next, error }), status, headers);

	if (!accessControlled()) return asJson ? json({ location: next }) : redirect(303, next);
	if (asJson && crossSite(event)) return answer(403, 'Sign in from this site’s own sign-in page.');
	const ip = clientAddress(event);
	const wait = retryAfter(ip);
	if (wait) return answer(429, `Too many failed attempts. Try again in ${wait} s.`, { 'retry-after': String(wait) });
	const role = roleForToken(token.slice(0, 1024));
	if (!role) {
		recordFailure(ip);
		return answer(401, 'That token is not valid.');
	}
	clearFailures(ip);
	deleteSession(cookies.get(SESSION_COOKIE)); // a new id on every sign-in (no session fixation)
	const { id } = createSession(role);
	cookies.set(SESSION_COOKIE, id, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secureCookie(url),
		maxAge: sessionSeconds()
	});
	return asJson ? json({ location: next, role }) : redirect(303, next);
};
