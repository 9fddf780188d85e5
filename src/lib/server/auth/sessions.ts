/**
 * Sign-in sessions: 256-bit random ids held in server memory with an absolute expiry. Nothing about a
 * session is stored in the cookie but its id, so signing out (or a restart) ends it for good.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from './tokens';

export const SESSION_COOKIE = 'ledger_session';
const DEFAULT_HOURS = 12;
/** Bounds memory if something signs in in a loop: the oldest sessions go first. */
const MAX_SESSIONS = 10_000;

export interface Session {
	role: Role;
	expires: number; // epoch ms
}

const sessions = new Map<string, Session>();

/** Session lifetime in seconds (`LEDGER_SESSION_HOURS`, default 12). */
export function sessionSeconds(): number {
	const h = Number(process.env.LEDGER_SESSION_HOURS);
	return Math.round((Number.isFinite(h) && h > 0 ? h : DEFAULT_HOURS) * 3600);
}

function prune(now: number): void {
	for (const [id, s] of sessions) if (s.expires <= now) sessions.delete(id);
	while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
}

export function createSession(role: Role, now = Date.now()): { id: string; session: Session } {
	prune(now);
	const id = randomBytes(32).toString('base64url');
	const session = { role, expires: now + sessionSeconds() * 1000 };
	sessions.set(id, session);
	return { id, session };
}

/** The live session of an id, or null (unknown, malformed or expired; expired ones are dropped). */
export function getSession(id: string | undefined | null, now = Date.now()): Session | null {
	if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
	const s = sessions.get(id);
	if (!s) return null;
	if (s.expires <= now) {
		sessions.delete(id);
		return null;
	}
	return s;
}

export function deleteSession(id: string | undefined | null): void {
	if (id) sessions.delete(id);
}

/** Tests only. */
export function clearSessions(): void {
	sessions.clear();
}
