import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import {
	accessControlled,
	clearFailures,
	clientAddress,
	createSession,
	deleteSession,
	getSession,
	recordFailure,
	retryAfter,
	roleForToken,
	safeNext,
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

/** Checks the token (rate-limited per address), starts a session in an HttpOnly cookie, returns to `next`. */
export const POST: RequestHandler = async (event) => {
	const { request, url, cookies } = event;
	if (!accessControlled()) redirect(303, '/');
	const ip = clientAddress(event);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return htmlResponse(signInPage({ next: '/', error: 'Send the form with a token.' }), 400);
	}
	const next = safeNext(String(form.get('next') ?? '/'));
	const wait = retryAfter(ip);
	if (wait) {
		return htmlResponse(signInPage({ next, error: `Too many failed attempts. Try again in ${wait} s.` }), 429, {
			'retry-after': String(wait)
		});
	}
	const token = String(form.get('token') ?? '').slice(0, 1024);
	const role = roleForToken(token);
	if (!role) {
		recordFailure(ip);
		return htmlResponse(signInPage({ next, error: 'That token is not valid.' }), 401);
	}
	clearFailures(ip);
	deleteSession(cookies.get(SESSION_COOKIE)); // a new id on every sign-in (no session fixation)
	const { id } = createSession(role);
	cookies.set(SESSION_COOKIE, id, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: sessionSeconds()
	});
	redirect(303, next);
};
