import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { deleteSession, getSession, SESSION_COOKIE } from '$lib/server/auth';
import { htmlResponse, signOutPage } from '$lib/server/auth/page';

/** A page with the sign-out button (sign-out itself is a POST, so a link elsewhere cannot trigger it). */
export const GET: RequestHandler = ({ cookies }) => htmlResponse(signOutPage(getSession(cookies.get(SESSION_COOKIE)) !== null));

/** Ends the session on the server and clears the cookie. */
export const POST: RequestHandler = ({ cookies, url }) => {
	deleteSession(cookies.get(SESSION_COOKIE));
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
	redirect(303, '/signin');
};
