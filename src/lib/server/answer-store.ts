/**
 * Answers kept in the database file (issue 15). A ledger answer takes seconds to compute at 10M lines
 * (the share-of-wallet estimate and the fill-priority plan are computed in the process), and after a
 * restart every in-memory cache is empty: the first visitors waited 6–7 s for a figure set the server
 * had computed before. Each answer computed here is also written to `derived.answers`, under
 *
 * - the data's one fingerprint (data-version.ts): a load makes every kept answer unreachable, and the
 *   next write deletes them;
 * - a hash of the question (kind and parameters, the scenario's assumptions included) and of the code
 *   and SQL that compute it (source-hash.ts), so an answer other code computed is never served.
 *
 * A kept answer is exactly the JSON of what was computed; an answer JSON cannot carry losslessly (a
 * non-finite number) is not kept. Reading or writing the file never fails a request: it is a cache.
 */
import { createHash } from 'node:crypto';
import { finishBeforeClose, readSql, withConnection } from './db';
import { sourceHash } from './source-hash';
import { VersionCache } from './version-cache';

/** Set by vite.config.ts: the source hash in a build, "dev" under `vite dev` (code changes without a new hash). */
declare const __LEDGER_SOURCE__: string | undefined;
const defined = typeof __LEDGER_SOURCE__ === 'string' ? __LEDGER_SOURCE__ : undefined;
/** What computed the answers; null: keep nothing in the file (a dev server's code changes under it). */
const build: string | null = defined === 'dev' ? null : (defined ?? sourceHash());

/** How much is kept per data version: questions (a ledger answer is 20–60 kB of JSON) and bytes in all. */
const limits = { keep: 400, totalBytes: 256_000_000, pruneEvery: 50 };
/**
 * Larger answers are recomputed rather than kept. /capital's scans of 20,000 SKUs are 3.6 MB and read back
 * in ~40 ms; 30 MB reads in ~0.3 s, still far less than recomputing what takes that much JSON.
 */
const MAX_BYTES = 30_000_000;
/** A prune after the first write under new data, then after limits.pruneEvery writes or this many bytes. */
const PRUNE_BYTES = 64_000_000;

/** For tests: smaller limits, to see the prune work. */
export function setKeepLimits(l: Partial<typeof limits>): void {
	Object.assign(limits, l);
}

const memory = new VersionCache(300);

/** JSON with object keys sorted: the same question asked with its keys in another order is one key. */
export function canonicalJson(v: unknown): string {
	return JSON.stringify(v, (_k, x: unknown) =>
		x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x
	);
}

export function answerKey(kind: string, parts: readonly unknown[]): string {
	return createHash('sha256').update(canonicalJson([build, kind, parts])).digest('hex');
}

/** The JSON of `v`, or null when JSON would change it (NaN and ±Infinity become null, a bigint throws). */
function lossless(v: unknown): string | null {
	try {
		return JSON.stringify(v, (_k, x: unknown) => {
			if (typeof x === 'number' && !Number.isFinite(x)) throw new Error('not finite');
			return x;
		});
	} catch {
		return null;
	}
}

async function read(version: string, key: string): Promise<string | null> {
	try {
		return await withConnection(async (c) => {
			const r = await c.runAndReadAll(readSql('answers/read'), { version, key });
			const v = r.getRows()[0]?.[0];
			return typeof v === 'string' ? v : null;
		});
	} catch (e) {
		console.warn('kept answers: read failed:', e instanceof Error ? e.message : e);
		return null;
	}
}

// one write at a time: concurrent deletes of the same rows would conflict
let writes: Promise<void> = Promise.resolve();
let sincePrune = 0;
let bytesSincePrune = 0;
let prunedFor: string | null = null;

function write(version: string, key: string, body: string): Promise<void> {
	writes = writes.then(() =>
		withConnection(async (c) => {
			await c.run(readSql('answers/write'), { version, key, body });
			bytesSincePrune += body.length;
			// the first write under new data deletes the old data's answers; then every few writes or MB
			if (version !== prunedFor || ++sincePrune >= limits.pruneEvery || bytesSincePrune >= PRUNE_BYTES) {
				prunedFor = version;
				sincePrune = 0;
				bytesSincePrune = 0;
				await c.run(readSql('answers/prune'), { version, keep: limits.keep, max_bytes: limits.totalBytes });
			}
		}).catch((e) => console.warn('kept answers: write failed:', e instanceof Error ? e.message : e))
	);
	return writes;
}

/** Resolves when every write so far has reached the file. */
export const answersWritten = (): Promise<void> => writes;
finishBeforeClose(answersWritten);

/** For tests: forget the in-memory answers, as a restart does. */
export const forgetAnswers = (): void => memory.clear();

export interface StoredOptions<T> {
	/** whether a computed answer may be kept (default: all); e.g. not one that carries a passing failure */
	keep?: (v: T) => boolean;
	/** what a kept answer becomes when served from the file (e.g. its timings replaced), given the read time */
	fromFile?: (v: T, ms: number) => T;
	/** what an answer becomes when this call found it in memory (computed, or being computed, by another) */
	fromMemory?: (v: T, ms: number) => T;
}

/**
 * `make()`'s answer to a question under the data version: from memory, else from the file, else
 * computed (and then kept). Without a version (the database could not say) it is computed every time.
 */
export function storedAnswer<T>(kind: string, version: string | undefined, parts: readonly unknown[], make: () => Promise<T>, opts: StoredOptions<T> = {}): Promise<T> {
	if (version === undefined) return make();
	const t0 = performance.now();
	let ran = false;
	const answer = memory.get(version, [kind, ...parts], async () => {
		ran = true;
		if (build === null) return make();
		const key = answerKey(kind, parts);
		const t = performance.now();
		const kept = await read(version, key);
		if (kept !== null) {
			const v = JSON.parse(kept) as T;
			return opts.fromFile ? opts.fromFile(v, Math.round((performance.now() - t) * 10) / 10) : v;
		}
		const v = await make();
		const body = opts.keep && !opts.keep(v) ? null : lossless(v);
		if (body !== null && body.length <= MAX_BYTES) void write(version, key, body);
		return v;
	});
	const fromMemory = opts.fromMemory;
	return ran || !fromMemory ? answer : answer.then((v) => fromMemory(v, Math.round((performance.now() - t0) * 10) / 10));
}
