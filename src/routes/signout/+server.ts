import { json, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { crossSite, deleteSession, getSession, secureCookie, SESSION_COOKIE } from '$lib/server/auth';
import { htmlResponse, signOutPage } from '$lib/server/auth/page';

/** A page with the sign-out button (sign-out itself is a POST, so a link elsewhere cannot trigger it). */
export const GET: RequestHandler = ({ cookies }) => htmlResponse(signOutPage(getSession(cookies.get(SESSION_COOKIE)) !== null));

/** Ends the session on the server and clears the cookie. JSON from the page's script, or a plain form. */
export const POST: RequestHandler = (event) => {
	const { cookies, url, request } = event;
	const asJson = (request.headers.get('content-type') ?? '').startsWith('application/json');
	if (asJson && crossSite(event)) return json({ error: 'cross-site sign-out refused' }, { status: 403 });
	deleteSession(cookies.get(SESSION_COOKIE));
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie(url) });
	return asJson ? json({ location: '/signin' }) : redirect(303, '/signin');
};
