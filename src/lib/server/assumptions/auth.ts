/**
 * DESIGN §7: when LEDGER_TOKEN is set, writes require `Authorization: Bearer <token>`. A deliberately
 * simple check for now (a later issue adds sessions); compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { json } from '@sveltejs/kit';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function isAuthorised(request: Request): boolean {
	const token = process.env.LEDGER_TOKEN;
	if (!token) return true;
	const m = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '');
	return m !== null && timingSafeEqual(digest(m[1].trim()), digest(token));
}

/** null when the request may write, else the 401 response to return. */
export function requireWriteToken(request: Request): Response | null {
	if (isAuthorised(request)) return null;
	return json(
		{ error: 'this server requires a token for changes: send the header "Authorization: Bearer <LEDGER_TOKEN>"' },
		{ status: 401, headers: { 'www-authenticate': 'Bearer' } }
	);
}
