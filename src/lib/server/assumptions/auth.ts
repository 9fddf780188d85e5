/**
 * DESIGN §7: when LEDGER_TOKEN is set, changes need the editor role. The check itself lives in
 * `$lib/server/auth` (the hook grants a role per request from the session cookie or the bearer header);
 * this is the route-level guard that re-asserts it, so a write route is safe even when called directly.
 */
import { json } from '@sveltejs/kit';
import { accessControlled, bearerToken, roleForToken, roleOf, type Role } from '$lib/server/auth';

function roleFor(request: Request): Role | null {
	if (!accessControlled()) return 'editor';
	const granted = roleOf(request);
	if (granted) return granted;
	const bearer = bearerToken(request);
	return bearer === null ? null : roleForToken(bearer);
}

export function isAuthorised(request: Request): boolean {
	return roleFor(request) === 'editor';
}

/** null when the request may write, else the 401/403 response to return. */
export function requireWriteToken(request: Request): Response | null {
	const role = roleFor(request);
	if (role === 'editor') return null;
	if (role === 'viewer') return json({ error: 'changes need the editor role: sign in with the editor token (LEDGER_TOKEN)' }, { status: 403 });
	return json(
		{ error: 'this server requires a token for changes: sign in, or send the header "Authorization: Bearer <LEDGER_TOKEN>"' },
		{ status: 401, headers: { 'www-authenticate': 'Bearer' } }
	);
}
