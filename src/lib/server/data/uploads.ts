/**
 * Browser uploads (issue 8): an upload session is a private temp folder; each file arrives as one or more
 * chunks (each a plain request body, streamed to disk — never held in memory), is size-limited and
 * type-checked, then the session's files are loaded through the same pipeline as `npm run ingest`
 * (ingestFiles on the server's one DuckDB instance), in the background with progress to poll.
 *
 * Chunks exist because adapter-node caps every request body at BODY_SIZE_LIMIT (default 512 kB): the
 * server tells the browser how large a chunk may be, so uploads work with the default and a raised limit
 * only means fewer requests. The whole file is limited by LEDGER_MAX_UPLOAD_MB (default 2048).
 *
 * A failed upload or load changes nothing: files go to the session folder only, and the load is all or
 * nothing (a refused file leaves every table as it was).
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, createWriteStream, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { tableForFileName } from '../ingest/discover';
import type { IngestFile, IngestOptions, IngestProgress, IngestReport } from '../ingest/types';
import type { TableName } from '$lib/schema';
import { EVICTABLE_SESSION_MS, IDLE_SESSION_MS, MAX_SESSION_FILES, maxOpenSessions, maxSessionBytes, maxUploadBytes } from '../limits';
import { forgetCopies, forgetFolder } from './session-copies';
import { uploadRoot, UploadRootError } from './upload-root';

export class UploadError extends Error {
	constructor(
		readonly status: 400 | 404 | 409 | 410 | 413 | 415 | 429 | 500,
		message: string
	) {
		super(message);
		this.name = 'UploadError';
	}
}

const MB = 1024 * 1024;

export { maxUploadBytes };

/** adapter-node's body limit, parsed the way it parses it ("512K", "10M", "1G", "Infinity", bytes). */
export function bodySizeLimit(env: string | undefined = process.env.BODY_SIZE_LIMIT): number {
	const v = (env ?? '512K').trim();
	if (/^infinity$/i.test(v) || v === '0') return Infinity;
	const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(v);
	if (!m) return 512 * 1024;
	const mult = { '': 1, k: 1024, m: MB, g: 1024 * MB }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
	return Math.floor(Number(m[1]) * mult);
}

/** The chunk size the browser should send: under the body limit, at most 64 MB. */
export function chunkBytes(limit = bodySizeLimit()): number {
	return Math.max(64 * 1024, Math.min(64 * MB, limit === Infinity ? 64 * MB : limit - 1024));
}

export const ACCEPTED = /\.(csv|tsv|txt|csv\.gz|tsv\.gz|txt\.gz|parquet|xlsx)$/i;

/**
 * A safe file name: the last path segment of what the browser sent, with control characters, path
 * separators and anything outside a conservative set replaced; the extension must be an accepted one.
 */
export function sanitiseName(raw: string | null): string {
	if (!raw) throw new UploadError(400, 'the file has no name');
	const base = raw.split(/[\\/]/).pop()!.normalize('NFC');
	const clean = base
		.replace(/[\u0000-\u001f\u007f]/g, '')
		.replace(/[^\p{L}\p{N} ._()+-]/gu, '_')
		.replace(/^\.+/, '')
		.trim()
		.slice(-150);
	if (!clean || !ACCEPTED.test(clean)) {
		throw new UploadError(415, `“${base.slice(0, 100)}” is not a CSV, CSV.gz, Parquet or XLSX file (by its name)`);
	}
	return clean;
}

/** Checks the first bytes against the type the name claims. Null when they agree, else the problem. */
export function sniffProblem(name: string, head: Uint8Array): string | null {
	const n = name.toLowerCase();
	const starts = (...b: number[]) => b.every((x, i) => head[i] === x);
	if (head.length === 0) return null; // empty files are refused by the ingest with a clear message
	if (n.endsWith('.gz')) return starts(0x1f, 0x8b) ? null : 'the name ends in .gz but the file is not gzip-compressed';
	if (n.endsWith('.parquet')) return starts(0x50, 0x41, 0x52, 0x31) ? null : 'the name ends in .parquet but the file is not Parquet';
	if (n.endsWith('.xlsx')) return starts(0x50, 0x4b, 0x03, 0x04) ? null : 'the name ends in .xlsx but the file is not an Excel workbook';
	if (starts(0x1f, 0x8b)) return 'the file is gzip-compressed: name it .csv.gz';
	if (starts(0x50, 0x4b, 0x03, 0x04)) return 'the file is a ZIP or Excel workbook, not text: an .xlsx file must be named .xlsx';
	if (starts(0x50, 0x41, 0x52, 0x31)) return 'the file is Parquet: name it .parquet';
	const probe = head.subarray(0, 4096);
	if (probe.includes(0) && !(starts(0xff, 0xfe) || starts(0xfe, 0xff))) return 'the file is binary, not text (CSV)';
	return null;
}

// ---- sessions ----

export type UploadState = 'uploading' | 'loading' | 'done' | 'failed';

export interface UploadedFile {
	name: string;
	bytes: number;
	table: TableName | null;
}

export interface UploadStatus {
	id: string;
	state: UploadState;
	files: UploadedFile[];
	progress: IngestProgress | null;
	report: IngestReport | null;
	error: string | null;
	started_at: string;
}

interface Session extends UploadStatus {
	dir: string;
	touched: number;
	/** file name → the size announced with its chunks (a file is complete when it has that many bytes) */
	totals: Map<string, number>;
}

const sessions = new Map<string, Session>();
const ID = /^[a-f0-9]{32}$/;
/** Finished uploads are kept (without files) so their result can be read; this many at most. */
const FINISHED_KEPT = 50;

/** The upload root (see upload-root.ts); a root that fails its checks stops uploads with a 500 saying so. */
function root(): string {
	try {
		return uploadRoot();
	} catch (e) {
		if (!(e instanceof UploadRootError)) throw e;
		console.error(`uploads: ${e.message}`);
		throw new UploadError(500, 'uploads are unavailable: the upload folder failed a safety check (the server log says which and why; see LEDGER_UPLOAD_DIR)');
	}
}

const open = (s: Session) => s.state === 'uploading' || s.state === 'loading';

function sweep() {
	const now = Date.now();
	for (const s of sessions.values()) if (s.state !== 'loading' && now - s.touched > IDLE_SESSION_MS) dropSession(s.id);
	const finished = [...sessions.values()].filter((s) => !open(s)).sort((a, b) => a.touched - b.touched);
	for (const s of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) dropSession(s.id);
}

/**
 * At most maxOpenSessions() uploads open at once: past it, the one idle longest makes way if it has been
 * idle a while (an abandoned tab must not lock uploads for an hour), otherwise the new one is refused.
 */
function makeRoom() {
	const live = [...sessions.values()].filter(open);
	if (live.length < maxOpenSessions()) return;
	const idle = live.filter((s) => s.state === 'uploading' && Date.now() - s.touched >= EVICTABLE_SESSION_MS).sort((a, b) => a.touched - b.touched);
	if (live.length - idle.length >= maxOpenSessions()) {
		throw new UploadError(429, `${live.length} uploads are open, the most this server takes at once (LEDGER_MAX_UPLOADS): finish or cancel one, or try again in a few minutes`);
	}
	for (const s of idle.slice(0, live.length - maxOpenSessions() + 1)) dropSession(s.id);
}

// ---- sessions cut short by a server restart ----
//
// Sessions live in the server's memory; their files in a folder on disk, with a marker saying which
// process owns it and what it was doing. A folder whose owner is gone belongs to a session a restart (or
// a crash) cut short: it is deleted when the server starts, and asking for that upload answers 410 with
// what that means, instead of a session that stays "loading" forever or a bare "not found".

const MARKER = '.session.json';

interface Marker {
	pid: number;
	state: UploadState;
	started_at: string;
}

export interface Interrupted {
	id: string;
	state: 'uploading' | 'loading';
	started_at: string;
}

const interrupted = new Map<string, Interrupted>();
let swept = false;

function writeMarker(s: Session) {
	try {
		writeFileSync(path.join(s.dir, MARKER), JSON.stringify({ pid: process.pid, state: s.state, started_at: s.started_at } satisfies Marker), { mode: 0o600 });
	} catch {
		// the folder is gone (the job finished and removed it): nothing to mark
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Deletes the folders of upload sessions whose server process is gone, and remembers them so that their
 * status says what happened. Runs once per process, when the server starts (hooks.server.ts) or on the
 * first upload request. Folders of another live server sharing LEDGER_UPLOAD_DIR are left alone (unless
 * older than the session lifetime). Answers the sessions it found.
 */
export function sweepInterrupted(): Interrupted[] {
	if (swept) return [];
	swept = true;
	const found: Interrupted[] = [];
	let names: string[];
	try {
		names = readdirSync(root());
	} catch {
		return found; // no uploads yet
	}
	for (const id of names) {
		if (!ID.test(id) || sessions.has(id)) continue;
		const dir = path.join(root(), id);
		let marker: Marker | null = null;
		try {
			marker = JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8')) as Marker;
		} catch {
			// no marker: an older server's folder, or one cut short before it wrote it
		}
		let age = 0;
		try {
			age = Date.now() - statSync(dir).mtimeMs;
		} catch {
			continue;
		}
		const owned = marker && marker.pid !== process.pid && alive(marker.pid);
		if (owned && age < IDLE_SESSION_MS) continue;
		if (!marker && age < 60_000) continue; // being created right now by another process
		rmSync(dir, { recursive: true, force: true });
		if (marker && (marker.state === 'uploading' || marker.state === 'loading')) {
			const x: Interrupted = { id, state: marker.state, started_at: marker.started_at };
			found.push(x);
			interrupted.set(id, x);
		}
	}
	return found;
}

export function interruptedMessage(x: Interrupted): string {
	return x.state === 'uploading'
		? 'The server restarted while this upload was being sent: nothing of it was loaded, its files are deleted and every table is as it was. Upload the files again.'
		: 'The server restarted while this upload was loading. A load is one transaction, so every table holds either all of it or exactly what it held before, never a mix: the Data page shows each table’s source file and load time. Its files are deleted: upload them again if the load is not there.';
}

export function createSession(): UploadStatus {
	sweepInterrupted();
	sweep();
	makeRoom();
	const id = randomBytes(16).toString('hex');
	const dir = path.join(root(), id);
	mkdirSync(dir, { mode: 0o700 }); // not recursive: a folder that already exists is not ours

	const s: Session = {
		id,
		dir,
		state: 'uploading',
		files: [],
		progress: null,
		report: null,
		error: null,
		started_at: new Date().toISOString(),
		touched: Date.now(),
		totals: new Map()
	};
	sessions.set(id, s);
	writeMarker(s);
	return publicStatus(s);
}

function get(id: string): Session {
	sweepInterrupted();
	const s = ID.test(id) ? sessions.get(id) : undefined;
	if (!s) {
		const x = interrupted.get(id);
		if (x) throw new UploadError(410, interruptedMessage(x));
		throw new UploadError(404, 'no such upload (it may have expired): start again');
	}
	s.touched = Date.now();
	return s;
}

export function sessionStatus(id: string): UploadStatus {
	return publicStatus(get(id));
}

function publicStatus(s: Session): UploadStatus {
	const { dir: _dir, touched: _t, totals: _totals, ...rest } = s;
	return structuredClone(rest);
}

export function dropSession(id: string): void {
	const s = sessions.get(id);
	if (!s || s.state === 'loading') return;
	sessions.delete(id);
	forgetFolder(s.dir);
	rmSync(s.dir, { recursive: true, force: true });
}

/**
 * Appends one chunk (the request body, streamed) to a file of the session. `offset` must be the file's
 * current size, so a retried or out-of-order chunk is refused instead of corrupting the file.
 */
export async function receiveChunk(
	id: string,
	rawName: string | null,
	offset: number,
	total: number,
	body: ReadableStream<Uint8Array> | null,
	contentLength: number | null
): Promise<UploadedFile> {
	const s = get(id);
	if (s.state !== 'uploading') throw new UploadError(409, 'this upload is already being loaded');
	const name = sanitiseName(rawName);
	const max = maxUploadBytes();
	if (!Number.isInteger(total) || total < 0) throw new UploadError(400, '"total" must be the file size in bytes');
	if (total > max) throw new UploadError(413, `${name} is ${Math.ceil(total / MB)} MB; the limit is ${Math.round(max / MB)} MB (LEDGER_MAX_UPLOAD_MB)`);
	const others = s.files.filter((f) => f.name !== name);
	if (others.length >= MAX_SESSION_FILES) throw new UploadError(413, `${name}: an upload holds at most ${MAX_SESSION_FILES} files`);
	const sessionMax = maxSessionBytes();
	const otherBytes = others.reduce((n, f) => n + Math.max(f.bytes, s.totals.get(f.name) ?? 0), 0);
	if (otherBytes + total > sessionMax) {
		throw new UploadError(413, `${name}: this upload's files would come to ${Math.ceil((otherBytes + total) / MB)} MB; the limit is ${Math.round(sessionMax / MB)} MB per upload (LEDGER_MAX_SESSION_MB)`);
	}
	checkSessionDir(s);
	// whatever was made from this file before (a mapping's copies) is stale now
	forgetCopies(s.dir, name);
	const file = path.join(s.dir, name);
	let have = 0;
	try {
		const st = lstatSync(file);
		if (!st.isFile()) throw new UploadError(409, `${name} is not a plain file in this upload's folder: start again`);
		have = st.size;
	} catch (e) {
		if (e instanceof UploadError) throw e;
	}
	if (!Number.isInteger(offset) || offset !== have) throw new UploadError(409, `expected the chunk at byte ${have} of ${name}, got ${offset}`);
	const announced = s.totals.get(name);
	if (offset > 0 && announced !== undefined && announced !== total)
		throw new UploadError(409, `${name} was announced as ${announced} bytes, now as ${total}: send it again from the start`);
	if (contentLength !== null && offset + contentLength > total) throw new UploadError(400, 'the chunk runs past the file size given');
	// an empty file arrives as a request without a body (fetch and XHR send none for zero bytes): it is
	// kept, so that the load refuses it by name ("the file is empty") as the CLI does
	if (!body && total !== 0) throw new UploadError(400, `${name}: the request has no body`);

	let written = 0;
	let head: Uint8Array | null = null;
	const limit = total - offset;
	async function* guarded(src: AsyncIterable<Uint8Array>) {
		for await (const chunk of src) {
			written += chunk.byteLength;
			if (written > limit) throw new UploadError(413, `${name} is larger than the size given (${total} bytes)`);
			if (offset === 0 && head === null) {
				head = chunk.subarray(0, 8192);
				const problem = sniffProblem(name, head);
				if (problem) throw new UploadError(415, `${name}: ${problem}`);
			}
			yield chunk;
		}
	}
	// O_NOFOLLOW: a link put in place of the file is refused, never written through
	let fd: number;
	try {
		fd = openSync(file, fsConstants.O_WRONLY | fsConstants.O_APPEND | fsConstants.O_CREAT | fsConstants.O_NOFOLLOW, 0o600);
	} catch (e) {
		throw new UploadError(409, `${name} cannot be written in this upload's folder (${(e as NodeJS.ErrnoException).code ?? 'error'}): start again`);
	}
	const out = createWriteStream('', { fd });
	try {
		const src = body ? Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>) : Readable.from([]);
		await pipeline(src, guarded, out);
	} catch (e) {
		// a chunk that failed halfway leaves a file that cannot be trusted: drop it (the user re-sends it).
		// The write stream opens its file asynchronously: wait until it is closed, or the file would be
		// created after it was removed.
		if (!out.closed) await new Promise<void>((r) => out.once('close', () => r()));
		rmSync(file, { force: true });
		s.files = s.files.filter((f) => f.name !== name);
		s.totals.delete(name);
		if (e instanceof UploadError) throw e;
		// adapter-node cuts a body over BODY_SIZE_LIMIT with a 413 of its own
		if ((e as { status?: number })?.status === 413)
			throw new UploadError(413, `${name}: a chunk was larger than the server accepts (${e instanceof Error ? e.message : String(e)})`);
		throw new UploadError(400, `${name} did not arrive completely: ${e instanceof Error ? e.message : String(e)}`);
	}
	const bytes = offset + written;
	const entry: UploadedFile = { name, bytes, table: tableForFileName(name) };
	s.files = [...s.files.filter((f) => f.name !== name), entry];
	s.totals.set(name, total);
	return entry;
}

/**
 * The session's folder must still be the real folder this server made: not swapped for a link, ours,
 * closed to others (the root's checks cover the root; this covers a folder inside it).
 */
function checkSessionDir(s: Session) {
	let st;
	try {
		st = lstatSync(s.dir);
	} catch {
		throw new UploadError(410, 'this upload’s folder is gone: start again');
	}
	const uid = process.getuid?.();
	if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o077) !== 0) {
		console.error(`uploads: the folder of upload ${s.id} was replaced or opened up; the upload is refused`);
		throw new UploadError(409, 'this upload’s folder was changed by something other than this server: start again');
	}
}

/** The session's folder and its files (for inspecting and previewing mappings). */
export function sessionFiles(id: string): { dir: string; files: UploadedFile[] } {
	const s = get(id);
	if (s.state !== 'uploading') throw new UploadError(409, 'this upload was already loaded: start a new one');
	return { dir: s.dir, files: structuredClone(s.files) };
}

/**
 * The path of a file of an upload session, for a name that came from a request (a column mapping names
 * its files): only a plain name of a regular file directly in the session folder — no separator, no
 * leading dot (the folder's own .session.json, copies and previews), no glob character (DuckDB's readers
 * expand * ? [ ] in a path), not a link — resolved inside the folder. Anything else is "not in this
 * upload", whether or not it exists, so an answer reveals nothing about the server's files (issue 19).
 */
export function sessionFilePath(dir: string, name: unknown): string {
	const refuse = () => new UploadError(400, `the file ${JSON.stringify(String(name).slice(0, 100))} is not in this upload`);
	if (typeof name !== 'string' || !name || name.length > 200 || name !== sanitiseNameOrNull(name) || /[*?[\]{}]/.test(name)) throw refuse();
	const base = path.resolve(dir);
	const file = path.resolve(base, name);
	if (path.dirname(file) !== base) throw refuse();
	let st;
	try {
		st = lstatSync(file);
	} catch {
		throw refuse();
	}
	if (!st.isFile()) throw refuse();
	return file;
}

function sanitiseNameOrNull(raw: string): string | null {
	try {
		return sanitiseName(raw);
	} catch {
		return null;
	}
}

/** A message with the session folder (and the upload root) taken out: answers never show server paths. */
export function scrubPaths(text: string, dir?: string): string {
	let out = text;
	let base: string | undefined;
	try {
		base = uploadRoot();
	} catch {
		// no usable root: only the session folder is known
	}
	for (const p of [dir, dir && path.resolve(dir), base]) {
		if (p) out = out.split(p + path.sep).join('').split(p).join('…');
	}
	return out;
}

export interface LoadRequest {
	/** file name → table, for files whose name does not say it; defaults to the name */
	tables?: Record<string, TableName>;
	/** per-file reading options (e.g. a saved column mapping) */
	options?: Record<string, IngestFile['options']>;
}

/**
 * Starts loading the session's files in the background; poll `sessionStatus` for progress. `run` is the
 * ingest (injected so the route passes the server's shared DuckDB instance); `prepare` may turn the
 * uploaded files into the ones to load (a column mapping writes canonical files).
 */
export function startLoad(
	id: string,
	req: LoadRequest,
	run: (files: IngestFile[], opts: IngestOptions) => Promise<IngestReport>,
	prepare?: (dir: string, files: IngestFile[]) => Promise<IngestFile[]>
): UploadStatus {
	const s = get(id);
	checkIdle(s);
	if (!s.files.length) throw new UploadError(400, 'no files were uploaded');
	// a file cut short (a chunk never sent) would load as if it ended there: refuse it, naming it
	const partial = s.files.filter((f) => f.bytes < (s.totals.get(f.name) ?? 0));
	if (partial.length) {
		throw new UploadError(
			409,
			`not every file arrived completely: ${partial.map((f) => `${f.name} (${f.bytes} of ${s.totals.get(f.name)} bytes)`).join(', ')}; send the rest or start again`
		);
	}
	const files: IngestFile[] = s.files.map((f) => ({
		path: path.join(s.dir, f.name),
		originalName: f.name,
		...(req.tables?.[f.name] ? { table: req.tables[f.name] } : {}),
		...(req.options?.[f.name] ? { options: req.options[f.name] } : {})
	}));
	return runJob(s, async (onProgress) => run(prepare ? await prepare(s.dir, files) : files, { onProgress }));
}

/** Runs any load (e.g. "reset to the sample") as this session's background job. */
export function startJob(id: string, job: (dir: string, onProgress: (p: IngestProgress) => void) => Promise<IngestReport>): UploadStatus {
	const s = get(id);
	checkIdle(s);
	return runJob(s, (onProgress) => job(s.dir, onProgress));
}

function checkIdle(s: Session) {
	if (s.state !== 'uploading') throw new UploadError(409, s.state === 'loading' ? 'this upload is already loading' : 'this upload was already loaded: start a new one');
}

function runJob(s: Session, job: (onProgress: (p: IngestProgress) => void) => Promise<IngestReport>): UploadStatus {
	s.state = 'loading';
	s.progress = { table: null, phase: 'reading', fraction: 0 };
	writeMarker(s);
	void (async () => {
		try {
			const report = await job((p) => {
				s.progress = p;
			});
			for (const r of report.refused) r.reason = scrubPaths(r.reason, s.dir);
			s.report = report;
			s.state = report.ok ? 'done' : 'failed';
			if (!report.ok) {
				s.error = report.refused.length
					? 'Nothing was loaded: some files were refused (see below). Every table is as it was.'
					: 'Nothing was loaded: no file names a table. Every table is as it was.';
			}
		} catch (e) {
			s.state = 'failed';
			s.error = `Nothing was loaded: ${scrubPaths(e instanceof Error ? e.message : String(e), s.dir)}. Every table is as it was.`;
		} finally {
			s.touched = Date.now();
			// the data is in the database now (or was refused): the uploaded files are not kept
			forgetFolder(s.dir);
			rmSync(s.dir, { recursive: true, force: true });
		}
	})();
	return publicStatus(s);
}

/** For tests: resolves once the session's job has finished. */
export async function settled(id: string, timeoutMs = 60_000): Promise<UploadStatus> {
	const t0 = Date.now();
	for (;;) {
		const st = sessionStatus(id);
		if (st.state === 'done' || st.state === 'failed') return st;
		if (Date.now() - t0 > timeoutMs) throw new Error('upload job did not finish');
		await new Promise((r) => setTimeout(r, 20));
	}
}
