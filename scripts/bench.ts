/**
 * npm run bench -- [--lines 10000000] [--runs 20] [--ingest-runs 3] [--json FILE] [--keep DIR] [--data DIR] [--seed N] [--no-build]
 *                 [--growth 1000000,3000000,10000000,30000000] [--clients 50] [--cold-seconds 15] [--no-load]
 *
 * DESIGN §7 as measured figures: generates the sample at a scale (or reuses --data), loads it with our
 * ingest pipeline and, on a fresh database file, with DuckDB's bare CREATE TABLE AS read_csv (the ratio of
 * their medians over --ingest-runs alternating runs is the figure), then starts the built server on
 * 127.0.0.1 over the loaded database and times the first answer after the start, warm p50/p95 of the API
 * and of every page, every page and /api/summary under filter sets the server has never seen (product
 * filters included), the first answers after a load through the /data page's API, 50 concurrent clients
 * against a restarted server (cold caches), peak RSS and the gzip size of each page's client JS. Each
 * latency row carries the server's resident memory when it was measured. With --growth, all of it at each
 * scale, then a table of how each figure grows. Prints a table with the targets; writes JSON with --json.
 * Exit codes: 0 measured (targets may be missed: see the table), 1 a step failed, 2 usage.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildState } from '../src/lib/bench/build';
import { pageJs } from '../src/lib/bench/js-size';
import { readMemory } from '../src/lib/bench/proc';
import { summarize } from '../src/lib/bench/stats';
import { formatTable, row, skipped, TARGETS, type BenchRow } from '../src/lib/bench/table';
import { formatGrowth } from '../src/lib/bench/growth';
import { networkError, runLoad, uploadClient } from './load-test';
import { closeInstance, instanceOptions, openInstance, prepareDerived } from '../src/lib/server/db/index';
import { keepDefaultViews } from '../src/lib/server/metrics/warm';
import { ingestFolder, tableForFileName } from '../src/lib/server/ingest/index';
import { generateSample } from '../src/lib/server/sample/generate';

const USAGE = `usage: npm run bench -- [--lines N] [--runs N] [--ingest-runs N] [--json FILE] [--keep DIR] [--data DIR] [--seed N] [--no-build]
                       [--growth N,N,…] [--clients N] [--cold-seconds N] [--no-load]

  --lines N    order lines of the generated sample (default 10000000)
  --runs N     timed requests per measure after the warm-up (default 20)
  --ingest-runs N  loads of the sample by each side, alternating; the ratio is of the medians (default 3)
  --warmup N   untimed requests per measure after the first (default 3)
  --json FILE  write every figure as JSON
  --keep DIR   work in DIR and keep the sample and databases (default: a temp dir, removed at the end)
  --data DIR   reuse a sample folder instead of generating one (--lines is then ignored)
  --seed N     sample seed (default 42)
  --no-build   use build/ as it is even if older than the sources (it is still built when missing)
  --growth LIST  run everything at each of these order-line counts (e.g. 1000000,3000000,10000000,30000000)
               and print how each figure, and the server's memory, grows (--data and --lines are then ignored)
  --clients N  concurrent clients against the restarted server, caches cold (default 50)
  --cold-seconds N  how long those clients run (default 15)
  --no-load    skip the first answers after a load through the /data page's API`;

interface Args {
	lines: number;
	runs: number;
	ingestRuns: number;
	warmup: number;
	seed: number;
	json: string | null;
	keep: string | null;
	data: string | null;
	build: boolean;
	growth: number[] | null;
	clients: number;
	coldSeconds: number;
	load: boolean;
}

function parseArgs(argv: string[]): Args | string {
	const a: Args = {
		lines: 10_000_000, runs: 20, ingestRuns: 3, warmup: 3, seed: 42, json: null, keep: null, data: null, build: true,
		growth: null, clients: 50, coldSeconds: 15, load: true
	};
	for (let i = 0; i < argv.length; i++) {
		const k = argv[i];
		const eq = k.indexOf('=');
		const name = eq > 0 ? k.slice(0, eq) : k;
		const value = () => {
			if (eq > 0) return k.slice(eq + 1);
			const v = argv[++i];
			if (v === undefined) throw new Error(`${name} needs a value`);
			return v;
		};
		const int = (min: number) => {
			const v = value().replace(/_/g, '');
			if (!/^\d+$/.test(v) || Number(v) < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${v}`);
			return Number(v);
		};
		try {
			if (name === '--help' || name === '-h') return USAGE;
			else if (name === '--lines') a.lines = int(5000);
			else if (name === '--runs') a.runs = int(1);
			else if (name === '--ingest-runs') a.ingestRuns = int(1);
			else if (name === '--warmup') a.warmup = int(0);
			else if (name === '--seed') a.seed = int(0);
			else if (name === '--json') a.json = path.resolve(value());
			else if (name === '--keep') a.keep = path.resolve(value());
			else if (name === '--data') a.data = path.resolve(value());
			else if (name === '--no-build') a.build = false;
			else if (name === '--growth') {
				const list = value().replace(/_/g, '').split(',');
				if (!list.every((x) => /^\d+$/.test(x) && Number(x) >= 5000)) throw new Error(`--growth must list whole numbers ≥ 5000, got ${list.join(',')}`);
				a.growth = list.map(Number);
			} else if (name === '--clients') a.clients = int(1);
			else if (name === '--cold-seconds') a.coldSeconds = int(1);
			else if (name === '--no-load') a.load = false;
			else return `unknown option: ${k}\n\n${USAGE}`;
		} catch (e) {
			return `${(e as Error).message}\n\n${USAGE}`;
		}
	}
	return a;
}

const log = (m: string) => process.stderr.write(`bench: ${m}\n`);
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const secs = (ms: number) => Math.round(ms / 100) / 10;
const root = process.cwd();

// ---------------------------------------------------------------- ingest

const sqlStr = (s: string) => `'${s.replace(/'/g, "''")}'`;

function sampleFiles(folder: string): { table: string; path: string }[] {
	return readdirSync(folder)
		.map((f) => ({ table: tableForFileName(f), path: path.join(folder, f) }))
		.filter((f): f is { table: NonNullable<typeof f.table>; path: string } => f.table !== null);
}

function removeDb(file: string) {
	for (const f of [file, `${file}.wal`]) rmSync(f, { force: true });
}

/**
 * DuckDB's own speed: each file into a table with read_csv's detection, nothing else. When the sniffer
 * guesses wrong (e.g. quoting that first appears past its sample, as in customers.csv at large scales),
 * the file is read again with the RFC 4180 quote stated, then with a full-file sample; only the attempt
 * that succeeds is timed, and the options it needed are reported.
 */
const READ_CSV_FALLBACKS = ['', `, quote = '"', escape = '"'`, `, quote = '"', escape = '"', sample_size = -1`];

async function bareReadCsv(folder: string, dbFile: string): Promise<{ ms: number; tables: Record<string, number>; options: Record<string, string> }> {
	removeDb(dbFile);
	// the same memory limit and threads as the app's own instance: a like-for-like comparison
	const inst = await DuckDBInstance.create(dbFile, instanceOptions(dbFile));
	const c = await inst.connect();
	const tables: Record<string, number> = {};
	const options: Record<string, string> = {};
	let ms = 0;
	try {
		for (const f of sampleFiles(folder)) {
			for (let i = 0; ; i++) {
				const t = performance.now();
				try {
					await c.run(`CREATE OR REPLACE TABLE ${f.table} AS SELECT * FROM read_csv(${sqlStr(f.path)}, header = true${READ_CSV_FALLBACKS[i]})`);
				} catch (e) {
					if (i + 1 >= READ_CSV_FALLBACKS.length) throw e;
					log(`read_csv of ${path.basename(f.path)} failed with${i ? READ_CSV_FALLBACKS[i] : ' its detection'}: ${String((e as Error).message).split('\n')[0]}; again with${READ_CSV_FALLBACKS[i + 1]}`);
					continue;
				}
				const took = performance.now() - t;
				ms += took;
				tables[f.table] = secs(took);
				if (i) options[f.table] = READ_CSV_FALLBACKS[i].replace(/^, /, '');
				break;
			}
		}
		const t = performance.now();
		await c.run('CHECKPOINT');
		ms += performance.now() - t;
		return { ms, tables, options };
	} finally {
		c.closeSync();
		inst.closeSync();
	}
}

async function ourIngest(folder: string, dbFile: string): Promise<{ ms: number; rows: Record<string, number>; rejected: number }> {
	removeDb(dbFile);
	const inst = await openInstance(dbFile);
	try {
		const t0 = performance.now();
		// the load alone, as read_csv is: the derived tables are built after, on their own row
		const report = await ingestFolder(inst, folder, { buildDerived: false });
		const c = await inst.connect();
		await c.run('CHECKPOINT');
		c.closeSync();
		const ms = performance.now() - t0;
		if (report.refused.length) throw new Error(`ingest refused ${report.refused.map((r) => `${r.file}: ${r.reason}`).join('; ')}`);
		return {
			ms,
			rows: Object.fromEntries(report.tables.map((t) => [t.table, t.rows_loaded])),
			rejected: report.tables.reduce((s, t) => s + t.rows_rejected, 0)
		};
	} finally {
		inst.closeSync();
	}
}

interface Members {
	segment: string[];
	region: string[];
	category: string[];
	supplier: string[];
	sales_rep: string[];
	sku: string[];
	customer: string | null;
}

/** Real filter values, most lines first, read before the server takes the database. */
async function filterMembers(dbFile: string): Promise<Members> {
	const inst = await DuckDBInstance.create(dbFile, { access_mode: 'READ_ONLY', threads: '2' });
	const c = await inst.connect();
	try {
		const list = async (col: string, table: 'customers' | 'products', key: string) => {
			const r = await c.runAndReadAll(
				`SELECT d.${col} AS v FROM order_lines o JOIN ${table} d ON d.${key} = o.${key}
				 WHERE d.${col} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1`
			);
			return r.getRowObjectsJS().map((x) => String(x.v));
		};
		const top = await c.runAndReadAll(`SELECT customer_id FROM order_lines GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
		return {
			segment: await list('segment', 'customers', 'customer_id'),
			region: await list('region', 'customers', 'customer_id'),
			sales_rep: await list('sales_rep', 'customers', 'customer_id'),
			category: await list('category', 'products', 'sku'),
			supplier: await list('supplier', 'products', 'sku'),
			sku: (await c.runAndReadAll(`SELECT sku FROM order_lines GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 50`)).getRowObjectsJS().map((x) => String(x.sku)),
			customer: (top.getRowObjectsJS()[0]?.customer_id as string | undefined) ?? null
		};
	} finally {
		c.closeSync();
		inst.closeSync();
	}
}

// ---------------------------------------------------------------- server

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(port));
		});
	});
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
		const ok = await new Promise<boolean>((resolve) => {
			const s = net.connect(port, '127.0.0.1');
			s.once('connect', () => (s.destroy(), resolve(true)));
			s.once('error', () => resolve(false));
		});
		if (ok) return;
		await new Promise((r) => setTimeout(r, 25));
	}
	throw new Error(`the server did not listen on ${port} within ${timeoutMs / 1000} s`);
}

function ensureBuild(wanted: boolean) {
	const st = buildState(root);
	if (!st.missing && (!st.stale || !wanted)) {
		if (st.stale) log('build/ is older than the sources; used as it is (--no-build)');
		return;
	}
	log(st.missing ? 'build/ is missing: building (vite build)…' : `build/ is older than the sources (${st.newestSource}): rebuilding…`);
	const t = performance.now();
	const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: ['ignore', 2, 2] // the build's chatter on stderr: stdout is the table
	});
	if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
	log(`built in ${secs(performance.now() - t)} s`);
}

/**
 * A copy of build/ and queries/ to run: others may rebuild the working tree during a long run. The copy
 * resolves its packages through a link to our node_modules.
 */
function snapshotApp(work: string): string {
	const app = path.join(work, 'app');
	rmSync(app, { recursive: true, force: true });
	mkdirSync(app, { recursive: true });
	cpSync(path.join(root, 'build'), path.join(app, 'build'), { recursive: true });
	cpSync(path.join(root, 'queries'), path.join(app, 'queries'), { recursive: true });
	writeFileSync(path.join(app, 'package.json'), JSON.stringify({ type: 'module', private: true }) + '\n');
	symlinkSync(path.join(root, 'node_modules'), path.join(app, 'node_modules'), 'dir');
	return app;
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly url: string,
		body: string
	) {
		super(`HTTP ${status} from ${url}: ${body.slice(0, 200)}`);
	}
}

async function timedGet(url: string): Promise<{ ms: number; text: string; link: string | null }> {
	const t = performance.now();
	const res = await fetch(url, { redirect: 'manual' });
	const text = await res.text();
	const ms = performance.now() - t;
	if (res.status !== 200) throw new HttpError(res.status, url, text);
	return { ms, text, link: res.headers.get('link') };
}

interface Timed {
	first_ms: number;
	samples: number[];
	text: string;
	link: string | null;
}

/** The first request, `warmup` untimed ones, then `runs` timed ones, one at a time. */
async function measure(url: string, warmup: number, runs: number): Promise<Timed> {
	const first = await timedGet(url);
	for (let i = 0; i < warmup; i++) await timedGet(url);
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) samples.push((await timedGet(url)).ms);
	return { first_ms: first.ms, samples, text: first.text, link: first.link };
}

function latencyRow(id: string, group: BenchRow['group'], label: string, t: { first_ms?: number; samples: number[] }, note?: string, rssMb?: number): BenchRow {
	const s = summarize(t.samples);
	const detail: Record<string, number> = { p50_ms: s.p50, p95_ms: s.p95, max_ms: s.max, n: s.n };
	if (rssMb !== undefined) detail.rss_mb = rssMb;
	if (t.first_ms !== undefined) detail.first_ms = Math.round(t.first_ms * 10) / 10;
	return row({ id, group, label, value: s.p95, unit: 'ms', target: TARGETS.warm_p95_ms, detail, note });
}

const qs = (o: Record<string, string | undefined | string[]>) => {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(o)) {
		if (Array.isArray(v)) for (const x of v) p.append(k, x);
		else if (v !== undefined) p.set(k, v);
	}
	const s = p.toString();
	return s ? `?${s}` : '';
};

/**
 * `n` distinct filter sets, none asked before: customer filters, product filters (a SKU too) and both,
 * cycling through the members so that consecutive sets share no cached query.
 */
function unseenFilterSets(m: Members, n: number): Record<string, string>[] {
	const out: Record<string, string>[] = [];
	const seen = new Set<string>();
	const at = <T>(xs: T[], k: number) => (xs.length ? xs[k % xs.length] : undefined);
	for (let i = 0; out.length < n && i < n * 10; i++) {
		const shapes: Record<string, string | undefined>[] = [
			{ supplier: at(m.supplier, i + 1) },
			{ category: at(m.category, i + 1), region: at(m.region, i) },
			{ segment: at(m.segment, i), region: at(m.region, i + 1), category: at(m.category, i + 2) },
			{ sales_rep: at(m.sales_rep, i) },
			{ sku: at(m.sku, i) },
			{ segment: at(m.segment, i + 1), supplier: at(m.supplier, i + 2) },
			{ sales_rep: at(m.sales_rep, i + 3), category: at(m.category, i) }
		];
		for (const f of shapes) {
			const set = Object.fromEntries(Object.entries(f).filter((e): e is [string, string] => e[1] !== undefined));
			const key = JSON.stringify(set);
			if (Object.keys(set).length && !seen.has(key)) {
				seen.add(key);
				out.push(set);
			}
		}
	}
	return out;
}

// ---------------------------------------------------------------- main

type BenchResult = Awaited<ReturnType<typeof benchOnce>>;

/** Everything at one scale: the sample, both ingests, the server's measures. Prints nothing on stdout. */
async function benchOnce(args: Args) {
	const started = new Date();
	const loadAtStart = os.loadavg();
	const tAll = performance.now();
	const work = args.keep ?? mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
	mkdirSync(work, { recursive: true });
	const rows: BenchRow[] = [];
	let server: ChildProcess | null = null;
	const serverLog: string[] = [];
	try {
		// 1. the sample
		const sampleDir = args.data ?? path.join(work, 'sample');
		let sizes: Record<string, number> | null = null;
		let generateS: number | null = null;
		if (args.data) {
			if (!existsSync(args.data)) throw new Error(`--data folder not found: ${args.data}`);
			const truth = path.join(args.data, 'truth.json');
			if (existsSync(truth)) sizes = JSON.parse(readFileSync(truth, 'utf8')).sizes ?? null;
			log(`reusing the sample in ${args.data}`);
		} else {
			log(`generating ~${args.lines.toLocaleString('en-US')} order lines (seed ${args.seed}) into ${sampleDir}…`);
			const g = await generateSample({ outDir: sampleDir, seed: args.seed, scale: args.lines });
			sizes = g.truth.sizes as unknown as Record<string, number>;
			generateS = Math.round(g.seconds * 10) / 10;
			log(`generated in ${generateS} s: ${JSON.stringify(sizes)}`);
		}

		// 2. ingest against DuckDB's own read_csv, each on a fresh database file. One load of 10M lines takes
		// 10-20 s, and on a shared machine another process can slow either side by a fifth or more: the two
		// sides alternate --ingest-runs times and the figure is the ratio of their medians (the last of our
		// loads is the database the server measures run on).
		const bareDb = path.join(work, 'read_csv.duckdb');
		const db = path.join(work, 'ledger.duckdb');
		const bareRuns: Awaited<ReturnType<typeof bareReadCsv>>[] = [];
		const ourRuns: Awaited<ReturnType<typeof ourIngest>>[] = [];
		for (let i = 1; i <= args.ingestRuns; i++) {
			const of = args.ingestRuns > 1 ? ` (${i} of ${args.ingestRuns})` : '';
			log(`DuckDB read_csv into tables${of}…`);
			const bare = await bareReadCsv(sampleDir, bareDb);
			bareRuns.push(bare);
			log(`read_csv: ${secs(bare.ms)} s ${JSON.stringify(bare.tables)}`);
			removeDb(bareDb);
			log(`our ingest pipeline${of}…`);
			const ours = await ourIngest(sampleDir, db);
			ourRuns.push(ours);
			log(`ingest: ${secs(ours.ms)} s, ${ours.rejected} rows rejected`);
		}
		const bareMs = median(bareRuns.map((r) => r.ms));
		const oursMs = median(ourRuns.map((r) => r.ms));
		const bare = bareRuns[bareRuns.length - 1];
		const ours = ourRuns[ourRuns.length - 1];
		rows.push(
			row({
				id: 'ingest.ratio',
				group: 'ingest',
				label: 'Ingest time ÷ DuckDB read_csv',
				value: Math.round((oursMs / bareMs) * 100) / 100,
				unit: 'x',
				target: TARGETS.ingest_ratio,
				detail: {
					ours_s: secs(oursMs),
					read_csv_s: secs(bareMs),
					runs: args.ingestRuns,
					ours_min_s: secs(Math.min(...ourRuns.map((r) => r.ms))),
					ours_max_s: secs(Math.max(...ourRuns.map((r) => r.ms))),
					read_csv_min_s: secs(Math.min(...bareRuns.map((r) => r.ms))),
					read_csv_max_s: secs(Math.max(...bareRuns.map((r) => r.ms))),
					rejected_rows: ours.rejected
				},
				note: [
					args.ingestRuns > 1 ? `medians of ${args.ingestRuns} alternating runs` : null,
					Object.keys(bare.options).length ? `read_csv needed ${Object.entries(bare.options).map(([t, o]) => `${o} for ${t}`).join('; ')}` : null
				]
					.filter(Boolean)
					.join('; ') || undefined
			})
		);
		const ingestRuns = {
			ours_s: ourRuns.map((r) => secs(r.ms)),
			read_csv_s: bareRuns.map((r) => secs(r.ms)),
			read_csv_tables_s: bareRuns.map((r) => r.tables)
		};
		// the dashboard tables `npm run ingest` builds after its load (kept in the file; not part of the
		// ingest ratio, which compares loading with read_csv)
		{
			log('building the dashboard tables, as npm run ingest does after a load…');
			const inst = await openInstance(db);
			try {
				const ms = await prepareDerived(inst);
				rows.push(row({ id: 'ingest.derived', group: 'ingest', label: 'Dashboard tables after a load (npm run ingest)', value: Math.round(ms), unit: 'ms', target: null, detail: {}, note: 'derived tables kept in the database file; not in the ingest ratio' }));
			} finally {
				inst.closeSync();
			}
			// then the default views, kept in the file as npm run ingest keeps them (src/lib/server/answer-store.ts)
			log('computing the default views, as npm run ingest does after a load…');
			process.env.LEDGER_DB = db;
			try {
				const views = await keepDefaultViews('the load');
				if (views) rows.push(row({ id: 'ingest.views', group: 'ingest', label: 'Default views after a load (npm run ingest)', value: views.ms, unit: 'ms', target: null, detail: {}, note: 'the ledger and every page without filters (home, /customers, /drivers, /backorders, /capital, /present), kept in the database file' }));
			} finally {
				await closeInstance();
			}
		}
		const members = await filterMembers(db);

		// 3. the built server over the loaded database
		ensureBuild(args.build);
		const app = snapshotApp(work);
		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		const keepLog = (b: Buffer) => {
			serverLog.push(...b.toString().split('\n').filter(Boolean));
			if (serverLog.length > 60) serverLog.splice(0, serverLog.length - 60);
		};
		// the load through /data sends the sample's files: at 30M lines order_lines.csv is over the default
		// upload limit (2048 MB), so the bench's server accepts the largest file it will send, and says so
		const largestMb = Math.ceil(Math.max(0, ...readdirSync(sampleDir).map((f) => statSync(path.join(sampleDir, f)).size)) / 2 ** 20);
		const uploadMb = largestMb > 2048 ? largestMb + 64 : null;
		const startServer = () => {
			const child = spawn(process.execPath, [path.join(app, 'build', 'index.js')], {
				cwd: app,
				env: {
					...process.env,
					LEDGER_DB: db,
					LEDGER_QUERIES: path.join(app, 'queries'),
					HOST: '127.0.0.1',
					PORT: String(port),
					ORIGIN: base,
					...(uploadMb ? { LEDGER_MAX_UPLOAD_MB: String(uploadMb) } : {})
				},
				stdio: ['ignore', 'pipe', 'pipe']
			});
			child.stdout!.on('data', keepLog);
			child.stderr!.on('data', keepLog);
			return child;
		};
		const tSpawn = performance.now();
		server = startServer();
		let pid = server.pid!;
		let peakKb = 0;
		const poll = setInterval(() => {
			const m = readMemory(pid);
			peakKb = Math.max(peakKb, m.hwm_kb ?? 0, m.rss_kb ?? 0);
		}, 100);
		/** the server's resident memory now, in MB: each latency row says what the server held when measured */
		const mem = () => Math.round((readMemory(pid).rss_kb ?? 0) / 1024);
		try {
			await waitForPort(port, server, 120_000);
			const listenMs = performance.now() - tSpawn;
			const first = await timedGet(`${base}/api/summary`);
			rows.push(
				row({ id: 'server.listen', group: 'server', label: 'Server start → listening', value: Math.round(listenMs), unit: 'ms', target: null, detail: {} }),
				row({
					id: 'server.first',
					group: 'server',
					label: 'First request after start (/api/summary)',
					value: Math.round(first.ms),
					unit: 'ms',
					target: TARGETS.first_answer_ms,
					detail: { rss_mb: mem() },
					note: 'opens the database, runs every ledger query'
				})
			);
			const { warmup, runs } = args;
			const seg = members.segment[0];
			const reg = members.region[0];
			const cat = members.category[0];
			const sup = members.supplier[0];

			// the API
			log('timing /api/summary…');
			const one = { supplier: sup };
			const three = { segment: seg, region: reg, category: cat };
			for (const [id, label, f] of [
				['api.summary.none', '/api/summary, no filter', {}],
				['api.summary.one', '/api/summary, 1 filter', one],
				['api.summary.three', '/api/summary, 3 filters', three]
			] as const) {
				rows.push(latencyRow(id, 'api', label, await measure(`${base}/api/summary${qs(f)}`, warmup, runs), 'warm = cached by data version', mem()));
			}
			// every request a filter set the server has never seen (product filters included): nothing cached
			const unseen = unseenFilterSets(members, runs * 7);
			let next = 0;
			const uncached: number[] = [];
			for (let i = 0; i < runs; i++) uncached.push((await timedGet(`${base}/api/summary${qs(unseen[next++])}`)).ms);
			rows.push(latencyRow('api.summary.uncached', 'api', '/api/summary, a new filter set each time', { samples: uncached }, 'cache miss every time', mem()));

			// drill-down and cross-filter (optional: skipped when the endpoint is absent)
			const optional = async (id: string, label: string, url: string) => {
				try {
					rows.push(latencyRow(id, 'api', label, await measure(url, warmup, runs), undefined, mem()));
				} catch (e) {
					const why = e instanceof HttpError ? (e.status === 404 ? 'endpoint not present' : `HTTP ${e.status}`) : (e as Error).message;
					log(`${label}: skipped (${why})`);
					rows.push(skipped(id, 'api', label, 'ms', TARGETS.warm_p95_ms, why));
				}
			};
			log('timing drill-down and cross-filter…');
			await optional('api.drill.lines', `/api/drill lines of a supplier`, `${base}/api/drill${qs({ kind: 'lines', m: `supplier:${sup}` })}`);
			await optional('api.drill.search', `/api/drill lines, text search`, `${base}/api/drill${qs({ kind: 'lines', q: members.customer ?? 'a' })}`);
			await optional('api.breakdown.supplier', `/api/breakdown by supplier`, `${base}/api/breakdown${qs({ dim: 'supplier' })}`);
			await optional(
				'api.breakdown.crossfilter',
				`/api/breakdown cross-filter (pick)`,
				`${base}/api/breakdown${qs({ dim: 'category', pick: [`supplier:${sup}`, `segment:${seg}`] })}`
			);
			await optional('api.breakdown.heatmap', `/api/breakdown heat map (2 dims)`, `${base}/api/breakdown${qs({ dim: 'supplier', dim2: 'month' })}`);
			// the fill queue (issue 18): every open line priced and sorted, one page of them, and one supplier's
			await optional('api.backorders', `/api/backorders, sorted open lines`, `${base}/api/backorders${qs({ limit: '100' })}`);
			await optional('api.backorders.supplier', `/api/backorders of a supplier`, `${base}/api/backorders${qs({ supplier: sup, limit: '100' })}`);

			// the pages: server load + render (GET the HTML)
			log('timing pages…');
			const pages = ['/', '/drivers', '/backorders', '/customers', ...(members.customer ? [`/customers/${encodeURIComponent(members.customer)}`] : []), '/capital', '/data', '/assumptions', '/methodology', '/present'];
			const html = new Map<string, { text: string; link: string | null }>();
			for (const p of pages) {
				const label = p.startsWith('/customers/') ? '/customers/[id]' : p;
				try {
					const t = await measure(`${base}${p}`, warmup, runs);
					html.set(p, { text: t.text, link: t.link });
					rows.push(latencyRow(`page.${label}`, 'page', `GET ${label}`, t, undefined, mem()));
				} catch (e) {
					if (e instanceof HttpError && e.status === 404) {
						rows.push(skipped(`page.${label}`, 'page', `GET ${label}`, 'ms', TARGETS.warm_p95_ms, 'page not present'));
					} else throw e;
				}
			}
			const filtered = `/${qs(three)}`;
			const ft = await measure(`${base}${filtered}`, warmup, runs);
			rows.push(latencyRow('page./?3filters', 'page', 'GET / with 3 filters', ft, undefined, mem()));

			// every page under filter sets it has never seen
			log('timing pages under unseen filter sets…');
			for (const p of ['/', '/drivers', '/customers', '/capital', '/present']) {
				const samples: number[] = [];
				for (let i = 0; i < runs; i++) samples.push((await timedGet(`${base}${p}${qs(unseen[next++ % unseen.length])}`)).ms);
				rows.push(latencyRow(`page.uncached.${p}`, 'page', `GET ${p}, a new filter set each time`, { samples }, 'cache miss every time', mem()));
			}

			// the first answers after a load: the sample again, through the /data page's API
			if (args.load) {
				log('loading the sample again through the /data page…');
				const up = await uploadClient(base)
					.uploadFolder(sampleDir)
					.catch((e: unknown) => ({ state: 'failed' as const, error: `${networkError(e)} (server: ${serverLog.slice(-3).join(' | ')})`, sendMs: 0, loadMs: 0, longestPollMs: 0, pollRetries: 0 }));
				if (up.state !== 'done') {
					// a failed load is a finding, not the end of the run (at --growth the other scales still count)
					const why = `the load through /data failed: ${up.error}`;
					log(why);
					rows.push({ ...skipped('server.first_after_load', 'server', 'First answer after a load (/api/summary)', 'ms', TARGETS.first_answer_ms, why), status: 'MISS' });
				} else {
					const summaryAfter = await timedGet(`${base}/api/summary`);
					const customersAfter = await timedGet(`${base}/customers`);
					const note = `the sample again through /data: sent in ${secs(up.sendMs)} s, loaded in ${secs(up.loadMs)} s; longest wait for a status answer ${secs(up.longestPollMs)} s${up.pollRetries ? `, ${up.pollRetries} polls asked again after a network error` : ''}${uploadMb ? `; LEDGER_MAX_UPLOAD_MB=${uploadMb} for its largest file (${largestMb} MB)` : ''}`;
					rows.push(
						row({ id: 'server.first_after_load', group: 'server', label: 'First answer after a load (/api/summary)', value: Math.round(summaryAfter.ms), unit: 'ms', target: TARGETS.first_answer_ms, detail: { rss_mb: mem() }, note }),
						row({ id: 'server.customers_after_load', group: 'server', label: 'GET /customers right after a load', value: Math.round(customersAfter.ms), unit: 'ms', target: TARGETS.first_answer_ms, detail: { rss_mb: mem() } })
					);
				}
			}

			// memory: the peak so far (VmHWM is the process's high-water mark)
			const m = readMemory(pid);
			peakKb = Math.max(peakKb, m.hwm_kb ?? 0);
			rows.push(row({ id: 'server.rss', group: 'server', label: 'Server peak RSS', value: Math.round(peakKb / 1024), unit: 'MB', target: TARGETS.rss_mb, detail: { current_mb: Math.round((m.rss_kb ?? 0) / 1024) } }));

			// client JS per page
			log('sizing client JS…');
			const cache = new Map<string, Promise<string>>();
			const load = async (u: string) => (await timedGet(u)).text;
			for (const [p, page] of html) {
				const label = p.startsWith('/customers/') ? '/customers/[id]' : p;
				const js = await pageJs(page.text, `${base}${p}`, load, cache, page.link);
				rows.push(
					row({
						id: `js.${label}`,
						group: 'js',
						label: `JS of ${label} (gzip)`,
						// what the page's own code can load: its modules plus the chunks it imports on demand (charts)
						value: Math.round((js.gzip_bytes + js.lazy_gzip_bytes) / 102.4) / 10,
						unit: 'kB',
						target: TARGETS.js_kb_gzip,
						detail: {
							files: js.files.length + js.lazy_files.length,
							initial_kb: Math.round(js.gzip_bytes / 102.4) / 10,
							lazy_kb: Math.round(js.lazy_gzip_bytes / 102.4) / 10
						}
					})
				);
			}

			// a restart (every cache cold), then concurrent clients at once, each on its own filter sets
			log(`restarting the server: ${args.clients} clients for ${args.coldSeconds} s on cold caches…`);
			await stop(server);
			server = startServer();
			pid = server.pid!;
			await waitForPort(port, server, 120_000);
			const coldPaths = ['/api/summary', '/', '/drivers', '/customers', '/capital'].flatMap((p, i) =>
				unseen.slice(i * 8, i * 8 + 8).map((f) => `${p}${qs(f)}`)
			);
			const cold = await runLoad({ url: base, clients: args.clients, seconds: args.coldSeconds, warmup: false, paths: coldPaths, timeoutMs: 120_000 });
			rows.push(
				row({
					id: 'server.cold50',
					group: 'server',
					label: `${args.clients} concurrent clients, cold caches`,
					value: cold.p95,
					unit: 'ms',
					target: TARGETS.concurrent_p95_ms,
					status: cold.errors ? 'MISS' : undefined,
					detail: { p50_ms: cold.p50, p95_ms: cold.p95, max_ms: cold.max, n: cold.requests, errors: cold.errors, rss_mb: mem() },
					note: `right after a restart; ${cold.errors} errors; unseen filter sets on /api/summary and four pages; load average ${cold.loadAverage.join(' → ')}`
				})
			);
		} finally {
			clearInterval(poll);
		}
		await stop(server);
		server = null;

		// the report
		const order = ['ingest', 'server', 'api', 'page', 'js'];
		rows.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
		const machine = {
			cpus: os.cpus().length,
			cpu_model: os.cpus()[0]?.model ?? null,
			memory_gb: Math.round(os.totalmem() / 2 ** 30),
			node: process.version,
			platform: `${os.type()} ${os.release()}`,
			// other work on the machine inflates every latency: the 1/5/15-minute load averages
			load_average_at_start: loadAtStart.map((x) => Math.round(x * 100) / 100),
			load_average_at_end: os.loadavg().map((x) => Math.round(x * 100) / 100)
		};
		const result = {
			started_at: started.toISOString(),
			seconds: secs(performance.now() - tAll),
			args: { lines: args.data ? null : args.lines, seed: args.seed, runs: args.runs, ingest_runs: args.ingestRuns, warmup: args.warmup, data: args.data },
			machine,
			sizes,
			rows_loaded: ours.rows,
			generate_s: generateS,
			read_csv_tables_s: bare.tables,
			ingest_runs: ingestRuns,
			read_csv_options: bare.options,
			targets: TARGETS,
			rows,
			missed: rows.filter((r) => r.status === 'MISS').map((r) => r.id)
		};
		return result;
	} catch (e) {
		if (serverLog.length) console.error(`server output (last lines):\n${serverLog.join('\n')}`);
		throw e;
	} finally {
		if (server) await stop(server);
		if (!args.keep) rmSync(work, { recursive: true, force: true });
	}
}

function printResult(r: BenchResult) {
	const m = r.machine;
	console.log(
		`\nBackorder Ledger benchmark — ${r.sizes ? `${Number(r.sizes.order_lines).toLocaleString('en-US')} order lines` : r.args.data}, ` +
			`${m.cpus} cores, ${m.memory_gb} GB, Node ${m.node}, ${r.started_at.slice(0, 10)}, load average ${m.load_average_at_start[0]} → ${m.load_average_at_end[0]}\n`
	);
	console.log(formatTable(r.rows));
	const miss = r.missed.length;
	console.log(`\n${r.rows.filter((x) => x.status === 'PASS').length} met, ${miss} missed${miss ? `: ${r.missed.join(', ')}` : ''}; ${r.seconds} s in all`);
}

function writeJson(file: string | null, value: unknown) {
	if (!file) return;
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(value, null, '\t') + '\n');
	log(`figures written to ${file}`);
}

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	if (typeof args === 'string') {
		console.error(args);
		return args === USAGE ? 0 : 2;
	}
	if (!args.growth) {
		const r = await benchOnce(args);
		printResult(r);
		writeJson(args.json, r);
		return 0;
	}
	// the same measures at each scale, then how each figure (and the server's memory) grows
	const runs: BenchResult[] = [];
	for (const lines of args.growth) {
		log(`growth: ${lines.toLocaleString('en-US')} order lines`);
		try {
			const r = await benchOnce({ ...args, lines, data: null, keep: args.keep ? path.join(args.keep, String(lines)) : null });
			printResult(r);
			runs.push(r);
		} catch (e) {
			// the scales measured so far still make a table; the failure is printed with it
			console.error(`bench: ${lines.toLocaleString('en-US')} order lines failed: ${e instanceof Error ? e.message : e}`);
		}
	}
	if (runs.length === 0) return 1;
	const scaled = runs.map((r) => ({ lines: Number(r.sizes?.order_lines ?? r.args.lines), rows: r.rows }));
	console.log(`\nHow each figure grows (figure · server resident memory when measured; ✗ = target missed)\n`);
	console.log(formatGrowth(scaled));
	writeJson(args.json, { runs, growth: formatGrowth(scaled, true) });
	return 0;
}

function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
		child.once('exit', () => (clearTimeout(kill), resolve()));
		child.kill('SIGTERM');
	});
}

main().then(
	(code) => process.exit(code),
	(e) => {
		console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
		process.exit(1);
	}
);
