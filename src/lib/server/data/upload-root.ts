/**
 * The folder upload sessions live in, and the checks that make it ours alone (issue 19, item 4).
 *
 * A folder in a shared place (the system temp folder) can be created first by another local user, who
 * could then swap a session folder for a link and have the server write through it. So the root must be
 * a real folder (not a link), owned by the server's user, and closed to everyone else (mode 0700; a
 * folder of ours that is more open is closed). Default: `uploads/` beside the database file, inside the
 * data folder that is ours anyway; with an in-memory database (tests), a per-user folder in the temp
 * folder, or a fresh private one if that name is taken by someone else.
 */
import { chmodSync, lstatSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dbPath } from '../db/instance';

export class UploadRootError extends Error {}

/** DuckDB's readers expand these in a path: a root holding one could make a read match other files. */
const GLOB = /[*?[\]{}]/;

/** Null when `dir` is fit to hold uploads (after closing its mode if it is ours), else why not. */
export function rootProblem(dir: string, uid: number | undefined = process.getuid?.()): string | null {
	if (GLOB.test(dir)) return 'its path holds a glob character (* ? [ ] { })';
	let st;
	try {
		st = lstatSync(dir);
	} catch {
		return 'it does not exist';
	}
	if (st.isSymbolicLink()) return 'it is a symbolic link';
	if (!st.isDirectory()) return 'it is not a folder';
	if (uid !== undefined && st.uid !== uid) return `it belongs to another user (uid ${st.uid}, the server runs as ${uid})`;
	if ((st.mode & 0o077) !== 0) {
		try {
			chmodSync(dir, 0o700);
		} catch {
			return `others may write to it (mode ${(st.mode & 0o777).toString(8)}) and it cannot be closed`;
		}
	}
	return null;
}

/** Creates the folder if missing (mode 0700) and checks it; throws UploadRootError saying what is wrong. */
function ensure(dir: string, uid?: number): string {
	try {
		mkdirSync(dir, { recursive: true, mode: 0o700 });
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new UploadRootError(`the upload folder ${dir} cannot be created: ${(e as Error).message}`);
	}
	const problem = rootProblem(dir, uid);
	if (problem) throw new UploadRootError(`the upload folder ${dir} is refused: ${problem}`);
	return dir;
}

let fallback: string | null = null;

/**
 * The upload root, checked on every call (cheap: one lstat), so a folder swapped after start is refused
 * rather than written through. LEDGER_UPLOAD_DIR, when set, must pass the checks; the defaults fall back
 * to a fresh private folder when another user holds the name.
 */
export function uploadRoot(uid?: number): string {
	const configured = process.env.LEDGER_UPLOAD_DIR?.trim();
	if (configured) return ensure(path.resolve(configured), uid);
	const db = dbPath();
	if (db !== ':memory:') return ensure(path.join(path.dirname(db), 'uploads'), uid);
	const shared = path.join(os.tmpdir(), `ledger-uploads-${process.getuid?.() ?? 'user'}`);
	try {
		return ensure(shared, uid);
	} catch {
		if (!fallback || rootProblem(fallback, uid)) fallback = mkdtempSync(path.join(os.tmpdir(), 'ledger-uploads-'));
		return fallback;
	}
}
