/**
 * Who may do what (DESIGN §7, issue 10). Access control is off unless a token is configured:
 * - `LEDGER_TOKEN`: the editor token. Editors read and change (assumption edits, resets, and later
 *   uploads and column mappings).
 * - `LEDGER_VIEWER_TOKEN` (optional): a read-only token.
 * When either is set, every page and API answer needs a signed-in session or an
 * `Authorization: Bearer <token>` header. With only a viewer token, nobody can change anything.
 * Tokens are read from the environment on every call, so a test can switch them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type Role = 'viewer' | 'editor';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
/** Constant-time comparison (hashing first makes the lengths equal). */
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

function configured(name: string): string | null {
	const v = process.env[name]?.trim();
	return v ? v : null;
}

export function editorToken(): string | null {
	return configured('LEDGER_TOKEN');
}

export function viewerToken(): string | null {
	return configured('LEDGER_VIEWER_TOKEN');
}

/** True when a token is configured, i.e. reading needs sign-in and changes need the editor role. */
export function accessControlled(): boolean {
	return editorToken() !== null || viewerToken() !== null;
}

/** The role a presented token grants, or null. Both tokens are always compared (no early exit). */
export function roleForToken(presented: string): Role | null {
	const t = presented.trim();
	if (!t) return null;
	const editor = editorToken();
	const viewer = viewerToken();
	const isEditor = editor !== null && same(t, editor);
	const isViewer = viewer !== null && same(t, viewer);
	return isEditor ? 'editor' : isViewer ? 'viewer' : null;
}

/** The token of an `Authorization: Bearer <token>` header, or null when there is no such header. */
export function bearerToken(request: Request): string | null {
	const m = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '');
	return m ? m[1].trim() : null;
}
