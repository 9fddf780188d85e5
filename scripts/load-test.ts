/**
 * npx tsx scripts/load-test.ts [--url http://127.0.0.1:3000] [--clients 50] [--seconds 60] [--token T]
 *
 * A bounded load test of a running server (issue 10): N concurrent clients browse the pages and the API
 * for a fixed time, each waiting for its previous answer. Prints requests, errors (network errors and
 * 5xx), and latency percentiles per path. Loopback only: it refuses any other host. The e2e suite runs a
 * short form of it (tests/e2e/security.spec.ts); exit code 1 when any request failed.
 */
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
}

export interface PathStats {
	path: string;
	requests: number;
	errors: number;
	p50: number;
	p95: number;
	max: number;
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
	if (opts.warmup !== false) {
		for (const path of paths) await (await fetch(new URL(path, base), { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })).arrayBuffer();
	}

	const times = new Map<string, number[]>(paths.map((p) => [p, []]));
	const errs = new Map<string, number>(paths.map((p) => [p, 0]));
	const statuses: Record<string, number> = {};
	const failures: string[] = [];
	const start = performance.now();
	const end = start + seconds * 1000;

	async function client(index: number): Promise<void> {
		let i = index; // clients start on different paths
		while (performance.now() < end) {
			const path = paths[i++ % paths.length];
			const t0 = performance.now();
			let failed: string | null = null;
			try {
				const res = await fetch(new URL(path, base), { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
				await res.arrayBuffer();
				statuses[res.status] = (statuses[res.status] ?? 0) + 1;
				if (res.status >= 500) failed = `${path}: HTTP ${res.status}`;
			} catch (e) {
				failed = `${path}: ${e instanceof Error ? e.message : String(e)}`;
				statuses.network = (statuses.network ?? 0) + 1;
			}
			times.get(path)!.push(performance.now() - t0);
			if (failed) {
				errs.set(path, errs.get(path)! + 1);
				if (failures.length < 10) failures.push(failed);
			}
		}
	}

	await Promise.all(Array.from({ length: clients }, (_, k) => client(k)));
	const elapsed = (performance.now() - start) / 1000;
	const all = [...times.values()].flat().sort((a, b) => a - b);
	const r1 = (v: number) => Math.round(v * 10) / 10;
	return {
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
		`${o.clients} clients for ${o.seconds} s: ${r.requests.toLocaleString('en-US')} requests (${r.perSecond}/s), ${r.errors} errors`,
		`latency ms: p50 ${r.p50}  p95 ${r.p95}  p99 ${r.p99}  max ${r.max}`,
		`statuses: ${Object.entries(r.statuses).map(([k, v]) => `${k}×${v}`).join('  ')}`,
		'',
		`${'path'.padEnd(34)} ${'requests'.padStart(8)} ${'errors'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`,
		...r.byPath.map(
			(p) =>
				`${p.path.padEnd(34)} ${String(p.requests).padStart(8)} ${String(p.errors).padStart(6)} ${p.p50.toFixed(1).padStart(8)} ${p.p95.toFixed(1).padStart(8)} ${p.max.toFixed(1).padStart(8)}`
		)
	];
	if (r.failures.length) lines.push('', 'first failures:', ...r.failures.map((f) => `  ${f}`));
	return lines.join('\n');
}

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const opt = (name: string, fallback: string) => {
		const i = args.indexOf(`--${name}`);
		return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
	};
	const o: LoadOptions = {
		url: opt('url', `http://127.0.0.1:${process.env.PORT || 3000}`),
		clients: Number(opt('clients', '50')),
		seconds: Number(opt('seconds', '60')),
		token: opt('token', process.env.LEDGER_TOKEN ?? '') || undefined
	};
	if (!Number.isFinite(o.clients) || !Number.isFinite(o.seconds)) {
		console.error('usage: npx tsx scripts/load-test.ts [--url http://127.0.0.1:3000] [--clients 50] [--seconds 60] [--token T]');
		return 2;
	}
	const r = await runLoad(o);
	console.log(formatLoad(r, o));
	return r.errors ? 1 : 0;
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
