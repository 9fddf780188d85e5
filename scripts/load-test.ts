/**
 * npx tsx scripts/load-test.ts [--url http://127.0.0.1:3000] [--clients 50] [--seconds 60] [--token T]
 *                              [--upload <folder>]
 *
 * A bounded load test of a running server (issue 10): N concurrent clients browse the pages and the API
 * for a fixed time, each waiting for its previous answer. Prints requests, errors (network errors and
 * 5xx), and latency percentiles per path. Loopback only: it refuses any other host. The e2e suite runs a
 * short form of it (tests/e2e/security.spec.ts); exit code 1 when any request failed.
 *
 * --upload <folder>: meanwhile, uploads the folder's table files through the /data page's API (session,
 * chunks, load, poll) and loads them, again and again until the time is up (the run lasts until the last
 * load has finished). Every /api/summary answer is compared with the one before the run: upload the data
 * that is loaded (e.g. the sample folder `npm start` generated, data/sample), and reads must answer the
 * same figures before, during and after each load — from the last good data, never a half-loaded state.
 */
import { open, readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const LOAD_PATHS = [
	'/',
	'/api/summary',
	'/drivers',
	'/api/summary?segment=Core',
	'/customers',
	'/api/breakdown?dim=segment',
	'/capital',
	'/api/drill?kind=lines&limit=50',
	'/data',
	'/customers?segment=Key',
	'/api/health',
	'/methodology'
];

export interface LoadOptions {
	url: string;
	clients: number;
	seconds: number;
	/** sent as a bearer header when the server has LEDGER_TOKEN set */
	token?: string;
	paths?: string[];
	/** request every path once, one at a time, before measuring (default true): warm caches, not cold starts */
	warmup?: boolean;
	/** per-request time limit in ms (default 60 000); a request that exceeds it counts as an error */
	timeoutMs?: number;
	/** meanwhile, upload and load this folder's table files (see the header comment) */
	upload?: { folder: string; repeat?: boolean; startAfterMs?: number };
}

export interface PathStats {
	path: string;
	requests: number;
	errors: number;
	p50: number;
	p95: number;
	max: number;
}

export interface UploadRun {
	id: string;
	files: number;
	bytes: number;
	chunks: number;
	sendMs: number;
	loadMs: number;
	state: 'done' | 'failed';
	error: string | null;
	loadId: number | null;
	/** the longest wait for an answer to a status poll while it loaded (the server's event loop busy) */
	longestPollMs: number;
	/** status polls that failed at the network level and were asked again (as the /data page does) */
	pollRetries: number;
}

export interface LoadResult {
	requests: number;
	errors: number;
	/** the first few failures, for the message */
	failures: string[];
	statuses: Record<string, number>;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	perSecond: number;
	byPath: PathStats[];
	/** how long the clients ran, in seconds (longer than asked when an upload was still loading) */
	seconds: number;
	/** the machine's 1-minute load average at the start and the end: latencies mean little on a busy machine */
	loadAverage: [number, number];
	/** with an upload: the uploads, and the requests made while one was running */
	uploads?: UploadRun[];
	uploadFailures?: string[];
	duringUpload?: { requests: number; errors: number; p50: number; p95: number; max: number };
	/** with an upload: /api/summary answers compared with the answer before the run */
	summary?: { reads: number; differing: number; firstDifference: string | null };
}

const MAX_CLIENTS = 200;
const MAX_SECONDS = 600;

function quantile(sorted: number[], q: number): number {
	if (!sorted.length) return 0;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function assertLoopback(url: string): URL {
	const u = new URL(url);
	const host = u.hostname.replace(/^\[|\]$/g, '');
	if (!(host === 'localhost' || host === '::1' || /^127\./.test(host))) {
		throw new Error(`the load test only runs against this machine (127.0.0.1, localhost, ::1), not ${u.hostname}`);
	}
	return u;
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
	const base = assertLoopback(opts.url);
	const clients = Math.min(MAX_CLIENTS, Math.max(1, Math.floor(opts.clients)));
	const seconds = Math.min(MAX_SECONDS, Math.max(1, opts.seconds));
	const paths = opts.paths ?? LOAD_PATHS;
	const headers: Record<string, string> = { accept: 'text/html,application/json' };
	if (opts.token) headers.authorization = `Bearer ${opts.token}`;

	const timeoutMs = opts.timeoutMs ?? 60_000;
	const isSummary = (p: string) => p === '/api/summary' || p.startsWith('/api/summary?');
	// the answer of every /api/summary path before the run: with an upload, reads must keep giving it
	const baseline = new Map<string, unknown>();
	if (opts.warmup !== false || opts.upload) {
		for (const path of paths) {
			const res = await fetch(new URL(path, base), { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
			if (opts.upload && isSummary(path) && res.status === 200) baseline.set(path, summaryFigures(await res.json()));
			else await res.arrayBuffer();
		}
	}

	const times = new Map<string, number[]>(paths.map((p) => [p, []]));
	const errs = new Map<string, number>(paths.map((p) => [p, 0]));
	const statuses: Record<string, number> = {};
	const failures: string[] = [];
	const during: number[] = [];
	let duringErrors = 0;
	const summary = { reads: 0, differing: 0, firstDifference: null as string | null };
	const loadAtStart = os.loadavg()[0];
	const start = performance.now();
	const end = start + seconds * 1000;

	// the upload(s), alongside the clients; the clients go on until the last load has finished
	let uploading = false;
	const uploads: UploadRun[] = [];
	const uploadFailures: string[] = [];
	const uploader = opts.upload
		? (async () => {
				await new Promise((r) => setTimeout(r, opts.upload!.startAfterMs ?? 1000));
				const api = uploadClient(opts.url, opts.token);
				do {
					uploading = true;
					try {
						uploads.push(await api.uploadFolder(opts.upload!.folder));
					} catch (e) {
						uploadFailures.push(e instanceof Error ? e.message : String(e));
						break;
					} finally {
						uploading = false;
					}
				} while (opts.upload!.repeat && performance.now() < end);
			})()
		: null;
	let uploadDone = !uploader;
	void uploader?.finally(() => (uploadDone = true));

	async function client(index: number): Promise<void> {
		let i = index; // clients start on different paths
		while (performance.now() < end || !uploadDone) {
			const path = paths[i++ % paths.length];
			const t0 = performance.now();
			const whileUploading = uploading;
			let failed: string | null = null;
			try {
				const res = await fetch(new URL(path, base), { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
				if (baseline.has(path) && res.status === 200) {
					const diff = difference(baseline.get(path), summaryFigures(await res.json()), path);
					summary.reads++;
					if (diff) {
						summary.differing++;
						summary.firstDifference ??= diff;
					}
				} else await res.arrayBuffer();
				statuses[res.status] = (statuses[res.status] ?? 0) + 1;
				if (res.status >= 500) failed = `${path}: HTTP ${res.status}`;
			} catch (e) {
				failed = `${path}: ${e instanceof Error ? e.message : String(e)}`;
				statuses.network = (statuses.network ?? 0) + 1;
			}
			const ms = performance.now() - t0;
			times.get(path)!.push(ms);
			if (whileUploading || uploading) {
				during.push(ms);
				if (failed) duringErrors++;
			}
			if (failed) {
				errs.set(path, errs.get(path)! + 1);
				if (failures.length < 10) failures.push(failed);
			}
		}
	}

	await Promise.all(Array.from({ length: clients }, (_, k) => client(k)));
	await uploader;
	const elapsed = (performance.now() - start) / 1000;
	const all = [...times.values()].flat().sort((a, b) => a - b);
	const r1 = (v: number) => Math.round(v * 10) / 10;
	during.sort((a, b) => a - b);
	const upload = opts.upload
		? {
				uploads,
				uploadFailures,
				duringUpload: { requests: during.length, errors: duringErrors, p50: r1(quantile(during, 0.5)), p95: r1(quantile(during, 0.95)), max: r1(during.at(-1) ?? 0) },
				summary
			}
		: {};
	return {
		...upload,
		seconds: r1(elapsed),
		loadAverage: [r1(loadAtStart), r1(os.loadavg()[0])],
		requests: all.length,
		errors: [...errs.values()].reduce((a, b) => a + b, 0),
		failures,
		statuses,
		p50: r1(quantile(all, 0.5)),
		p95: r1(quantile(all, 0.95)),
		p99: r1(quantile(all, 0.99)),
		max: r1(all.at(-1) ?? 0),
		perSecond: r1(all.length / elapsed),
		byPath: paths.map((p) => {
			const s = times.get(p)!.sort((a, b) => a - b);
			return { path: p, requests: s.length, errors: errs.get(p)!, p50: r1(quantile(s, 0.5)), p95: r1(quantile(s, 0.95)), max: r1(s.at(-1) ?? 0) };
		})
	};
}

export function formatLoad(r: LoadResult, o: Pick<LoadOptions, 'clients' | 'seconds'>): string {
	const lines = [
		`${o.clients} clients for ${r.uploads && r.seconds > o.seconds + 0.5 ? `${r.seconds} s (asked ${o.seconds} s; the last load ran past it)` : `${o.seconds} s`}: ` +
			`${r.requests.toLocaleString('en-US')} requests (${r.perSecond}/s), ${r.errors} errors`,
		`latency ms: p50 ${r.p50}  p95 ${r.p95}  p99 ${r.p99}  max ${r.max}`,
		`load average ${r.loadAverage[0]} → ${r.loadAverage[1]} on ${os.cpus().length} cores`,
		`statuses: ${Object.entries(r.statuses).map(([k, v]) => `${k}×${v}`).join('  ')}`,
		'',
		`${'path'.padEnd(34)} ${'requests'.padStart(8)} ${'errors'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`,
		...r.byPath.map(
			(p) =>
				`${p.path.padEnd(34)} ${String(p.requests).padStart(8)} ${String(p.errors).padStart(6)} ${p.p50.toFixed(1).padStart(8)} ${p.p95.toFixed(1).padStart(8)} ${p.max.toFixed(1).padStart(8)}`
		)
	];
	if (r.uploads) {
		const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
		lines.push('', `uploads while browsing: ${r.uploads.length}`);
		for (const u of r.uploads) {
			lines.push(
				`  ${u.files} files, ${mb(u.bytes)} MB in ${u.chunks} chunks: sent in ${(u.sendMs / 1000).toFixed(1)} s, loaded in ${(u.loadMs / 1000).toFixed(1)} s — ${u.state}` +
					(u.loadId !== null ? ` (load ${u.loadId})` : '') +
					(u.error ? `: ${u.error}` : '')
			);
		}
		for (const f of r.uploadFailures ?? []) lines.push(`  upload failed: ${f}`);
		const d = r.duringUpload!;
		lines.push(`requests while an upload ran: ${d.requests}, ${d.errors} errors; latency ms: p50 ${d.p50}  p95 ${d.p95}  max ${d.max}`);
		const s = r.summary!;
		lines.push(
			s.differing
				? `/api/summary: ${s.differing} of ${s.reads} answers differed from the answer before the run (first: ${s.firstDifference}) — expected only if the uploaded folder is not the data that was loaded`
				: `/api/summary: all ${s.reads} answers equal to the answer before the run`
		);
	}
	if (r.failures.length) lines.push('', 'first failures:', ...r.failures.map((f) => `  ${f}`));
	return lines.join('\n');
}

// ---- comparing /api/summary answers ----

/**
 * The figures of an /api/summary answer, without what differs between two computations over the same
 * data: timings, the scenario's id, and the share-of-wallet estimate's bootstrap bounds (did_low,
 * did_high), which were seen to move (-0.1654 → -0.1662 for segment=Core) when recomputed after a load of
 * identical files — the resampling depends on the order or last bits of the per-customer panel.
 */
export function summaryFigures(body: unknown): unknown {
	if (!body || typeof body !== 'object') return body;
	const { scenario: _s, timings_ms: _t, ...rest } = body as Record<string, unknown>;
	if (rest.wallet && typeof rest.wallet === 'object') {
		const { did_low: _l, did_high: _h, ...wallet } = rest.wallet as Record<string, unknown>;
		rest.wallet = wallet;
	}
	return rest;
}

/** Null when equal (numbers to 1e-9 relative: DuckDB's parallel sums may differ in the last bits), else where they differ. */
export function difference(expected: unknown, actual: unknown, at = ''): string | null {
	if (typeof expected === 'number' && typeof actual === 'number') {
		return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? null : `${at}: ${expected} → ${actual}`;
	}
	if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
		const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
		for (const k of keys) {
			const d = difference((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], `${at}.${k}`);
			if (d) return d;
		}
		return null;
	}
	return expected === actual ? null : `${at}: ${JSON.stringify(expected)} → ${JSON.stringify(actual)}`;
}

// ---- the /data page's upload protocol (also used by the e2e tests) ----

export const TABLE_FILE = /^(customers|products|order_lines|inventory_snapshots|contacts|opportunities)\.(csv|tsv|txt|csv\.gz|parquet|xlsx)$/i;

export interface ApiAnswer {
	status: number;
	body: Record<string, unknown>;
}

/** The upload API, step by step: start a session, PUT chunks, load, poll. Loopback only. */
/** What a failed fetch says, with its cause (undici's "fetch failed" alone names nothing). */
export function networkError(e: unknown): string {
	if (!(e instanceof Error)) return String(e);
	const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
	return cause ? `${e.message} (${[cause.code, cause.message].filter(Boolean).join(': ')})` : e.message;
}

export function uploadClient(url: string, token?: string) {
	const base = assertLoopback(url);
	const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
	async function call(method: string, route: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<ApiAnswer> {
		const res = await fetch(new URL(route, base), { method, body, headers: { ...auth, ...headers }, signal: AbortSignal.timeout(120_000) });
		const text = await res.text();
		let parsed: Record<string, unknown> = {};
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = { error: text.slice(0, 200) };
		}
		return { status: res.status, body: parsed };
	}
	const must = (a: ApiAnswer, ok: number, what: string) => {
		if (a.status !== ok) throw new Error(`${what}: HTTP ${a.status} ${String(a.body.error ?? '')}`);
		return a.body;
	};
	const api = {
		call,
		async start(): Promise<{ id: string; chunk_bytes: number; max_bytes: number }> {
			return must(await call('POST', '/api/data/uploads'), 201, 'starting an upload') as never;
		},
		put(id: string, name: string, offset: number, total: number, bytes: Uint8Array): Promise<ApiAnswer> {
			const q = new URLSearchParams({ name, offset: String(offset), total: String(total) });
			return call('PUT', `/api/data/uploads/${id}?${q}`, bytes as Uint8Array<ArrayBuffer>, { 'content-type': 'application/octet-stream' });
		},
		/** Sends a file in chunks of `chunkBytes` (all of them, or the first `maxChunks`); answers chunks sent. */
		async sendFile(id: string, file: string, chunkBytes: number, maxChunks = Infinity): Promise<number> {
			const name = path.basename(file);
			const total = (await stat(file)).size;
			const fh = await open(file, 'r');
			let chunks = 0;
			try {
				for (let offset = 0; (offset < total || offset === 0) && chunks < maxChunks; offset += chunkBytes) {
					const buf = Buffer.alloc(Math.min(chunkBytes, total - offset));
					await fh.read(buf, 0, buf.length, offset);
					must(await api.put(id, name, offset, total, buf), 200, `sending ${name}`);
					chunks++;
					if (total === 0) break;
				}
			} finally {
				await fh.close();
			}
			return chunks;
		},
		async load(id: string, body: object = {}): Promise<ApiAnswer> {
			return call('POST', `/api/data/uploads/${id}/load`, JSON.stringify(body), { 'content-type': 'application/json' });
		},
		status(id: string): Promise<ApiAnswer> {
			return call('GET', `/api/data/uploads/${id}`);
		},
		/**
		 * Polls until the load has finished (or `until` says stop); answers the last status. Like the /data
		 * page, a poll that fails at the network level (the server busy past a kept-alive socket's timeout
		 * closes it under the request) is asked again for up to a minute; `polls` records the longest wait
		 * for an answer and the retries.
		 */
		async wait(id: string, until: (s: Record<string, unknown>) => boolean = () => false, pollMs = 200, timeoutMs = 600_000, polls = { longestMs: 0, retries: 0 }) {
			const t0 = performance.now();
			let lostSince = 0;
			for (;;) {
				const tAsk = performance.now();
				let answer: ApiAnswer;
				try {
					answer = await api.status(id);
				} catch (e) {
					if (!(e instanceof TypeError)) throw e;
					lostSince ||= tAsk;
					if (performance.now() - lostSince > 60_000) throw new Error(`polling the upload: ${networkError(e)} for over a minute`);
					polls.retries++;
					await new Promise((r) => setTimeout(r, 1000));
					continue;
				}
				polls.longestMs = Math.max(polls.longestMs, performance.now() - (lostSince || tAsk));
				lostSince = 0;
				const s = must(answer, 200, 'polling the upload');
				if (s.state === 'done' || s.state === 'failed' || until(s)) return s;
				if (performance.now() - t0 > timeoutMs) throw new Error(`the upload was still ${s.state} after ${timeoutMs / 1000} s`);
				await new Promise((r) => setTimeout(r, pollMs));
			}
		},
		/** Uploads and loads every table file of a folder, as the /data page does. */
		async uploadFolder(folder: string): Promise<UploadRun> {
			const files = (await readdir(folder)).filter((f) => TABLE_FILE.test(f)).map((f) => path.join(folder, f));
			if (!files.length) throw new Error(`no table files (customers.csv, order_lines.csv, …) in ${folder}`);
			const t0 = performance.now();
			const s = await api.start();
			let chunks = 0;
			let bytes = 0;
			for (const f of files) {
				chunks += await api.sendFile(s.id, f, s.chunk_bytes);
				bytes += (await stat(f)).size;
			}
			const t1 = performance.now();
			must(await api.load(s.id), 202, 'starting the load');
			const polls = { longestMs: 0, retries: 0 };
			const done = await api.wait(s.id, undefined, 250, undefined, polls);
			const report = done.report as { load_id?: number | null } | null;
			return {
				id: s.id,
				files: files.length,
				bytes,
				chunks,
				sendMs: Math.round(t1 - t0),
				loadMs: Math.round(performance.now() - t1),
				state: done.state as 'done' | 'failed',
				error: (done.error as string | null) ?? null,
				loadId: report?.load_id ?? null,
				longestPollMs: Math.round(polls.longestMs),
				pollRetries: polls.retries
			};
		}
	};
	return api;
}

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const opt = (name: string, fallback: string) => {
		const i = args.indexOf(`--${name}`);
		return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
	};
	const upload = opt('upload', '');
	const o: LoadOptions = {
		url: opt('url', `http://127.0.0.1:${process.env.PORT || 3000}`),
		clients: Number(opt('clients', '50')),
		seconds: Number(opt('seconds', '60')),
		token: opt('token', process.env.LEDGER_TOKEN ?? '') || undefined,
		...(upload ? { upload: { folder: path.resolve(upload), repeat: true } } : {})
	};
	if (!Number.isFinite(o.clients) || !Number.isFinite(o.seconds) || args.includes('--help')) {
		console.error('usage: npx tsx scripts/load-test.ts [--url http://127.0.0.1:3000] [--clients 50] [--seconds 60] [--token T] [--upload <folder>]');
		return 2;
	}
	const r = await runLoad(o);
	console.log(formatLoad(r, o));
	const uploadsFailed = (r.uploadFailures?.length ?? 0) + (r.uploads?.filter((u) => u.state !== 'done').length ?? 0);
	return r.errors || uploadsFailed || r.summary?.differing ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().then(
		(code) => process.exit(code),
		(e) => {
			console.error(e instanceof Error ? e.message : e);
			process.exit(2);
		}
	);
}
