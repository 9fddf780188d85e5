/**
 * `npm run bench` works: its helpers, and a small-scale run end to end (sample → both ingests → the built
 * server → every measure → JSON). The full 10M-line run is not part of the tests (see README "Benchmark").
 * The script builds build/ first when it is missing or older than the sources, hence the long timeout.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryScripts, moduleImports, nodeIds, nodeModules } from '$lib/bench/js-size';
import { parseStatus } from '$lib/bench/proc';
import { percentile, summarize } from '$lib/bench/stats';
import { formatTable, row, statusOf, type BenchRow } from '$lib/bench/table';

describe('bench helpers', () => {
	it('percentiles by nearest rank', () => {
		const xs = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1, unsorted
		expect(percentile(xs, 50)).toBe(10);
		expect(percentile(xs, 95)).toBe(19);
		expect(percentile(xs, 100)).toBe(20);
		expect(percentile([7], 95)).toBe(7);
		expect(percentile([], 50)).toBeNaN();
		expect(summarize([1, 2, 3, 4])).toMatchObject({ n: 4, min: 1, p50: 2, p95: 4, max: 4, mean: 2.5 });
	});

	it('targets: PASS at or under, MISS over, INFO without a target, SKIP without a figure', () => {
		expect(statusOf(250, 250)).toBe('PASS');
		expect(statusOf(250.1, 250)).toBe('MISS');
		expect(statusOf(5, null)).toBe('INFO');
		expect(statusOf(null, 250)).toBe('SKIP');
		const rows: BenchRow[] = [row({ id: 'a', group: 'api', label: 'GET /x', value: 12, unit: 'ms', target: 250, detail: { p50_ms: 10, p95_ms: 12, max_ms: 13, n: 5 } })];
		expect(formatTable(rows)).toMatch(/GET \/x\s+12\.0 ms\s+≤ 250 ms\s+PASS\s+p50 10\.0 ms/);
	});

	it("finds a page's modules in its HTML and Link header, and a module's imports", () => {
		const html = `<head><link href="./_app/immutable/chunks/a.js" rel="modulepreload"><script type="module" src="/x/b.js"></script></head>
			<script>Promise.all([import("./_app/immutable/entry/start.1.js"), import("./_app/immutable/entry/app.2.js")]).then(() => kit.start(app, el, { node_ids: [0, 12], data: [] }))</script>`;
		const link = '<./_app/immutable/assets/0.css>; rel="preload"; as="style"; nopush, <./_app/immutable/chunks/c.js>; rel="modulepreload"; nopush';
		expect(entryScripts(html, 'http://h/customers/C1', link).sort()).toEqual(
			[
				'http://h/customers/_app/immutable/chunks/a.js',
				'http://h/x/b.js',
				'http://h/customers/_app/immutable/entry/start.1.js',
				'http://h/customers/_app/immutable/entry/app.2.js',
				'http://h/customers/_app/immutable/chunks/c.js'
			].sort()
		);
		expect(nodeIds(html)).toEqual([0, 12]);
		expect(nodeModules('m.f=["../nodes/0.Ab.js","../nodes/1.Cd.js","../nodes/12.Ef-g.js"]', [0, 12])).toEqual(['../nodes/0.Ab.js', '../nodes/12.Ef-g.js']);
		const js = 'import{a as b}from"../chunks/x.js";import"./y.js";export*from"/z.js";const l=()=>import("../nodes/3.js");import("./y.js");import"svelte";S(()=>import(`./C.js`))';
		expect(moduleImports(js)).toEqual({ static: ['../chunks/x.js', '/z.js', './y.js'], dynamic: ['../nodes/3.js', './C.js'] });
		expect(nodeModules('m.f=[`../nodes/2.Xy.js`]', [2])).toEqual(['../nodes/2.Xy.js']);
	});

	it('reads peak and current RSS from /proc status text', () => {
		expect(parseStatus('Name:\tnode\nVmHWM:\t  123456 kB\nVmRSS:\t  100000 kB\n')).toEqual({ hwm_kb: 123456, rss_kb: 100000 });
		expect(parseStatus('Name: x')).toEqual({ hwm_kb: null, rss_kb: null });
	});
});

describe('npm run bench at small scale', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
	});
	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('measures every row and writes them as JSON', { timeout: 300_000 }, () => {
		const json = path.join(dir, 'bench.json');
		const tsx = path.join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');
		const r = spawnSync(process.execPath, [tsx, 'scripts/bench.ts', '--lines', '200000', '--runs', '5', '--warmup', '1', '--json', json], {
			encoding: 'utf8',
			timeout: 290_000,
			env: { ...process.env, LEDGER_DB: path.join(dir, 'unused.duckdb') }
		});
		if (r.status !== 0) console.error(r.stdout, r.stderr);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/Measure\s+Figure\s+Target\s+Result/);

		const out = JSON.parse(readFileSync(json, 'utf8'));
		expect(out.sizes.order_lines).toBeGreaterThan(150_000);
		const rows: BenchRow[] = out.rows;
		const ids = rows.map((x) => x.id);
		for (const id of [
			'ingest.ratio',
			'ingest.derived',
			'ingest.views',
			'server.listen',
			'server.first',
			'server.rss',
			'api.summary.none',
			'api.summary.one',
			'api.summary.three',
			'api.summary.uncached',
			'api.backorders',
			'page./',
			'page./drivers',
			'page./backorders',
			'page./customers',
			'page./customers/[id]',
			'page./capital',
			'page./data',
			'page./present',
			'js./',
			'js./drivers'
		]) {
			expect(ids).toContain(id);
		}
		for (const x of rows) {
			// only the drill-down and breakdown endpoints may be absent (skipped with a reason)
			if (x.status === 'SKIP') {
				expect(x.id).toMatch(/^api\.(drill|breakdown)\./);
				expect(x.note).toBeTruthy();
				continue;
			}
			expect(['PASS', 'MISS', 'INFO'], x.id).toContain(x.status);
			expect(Number.isFinite(x.value), x.id).toBe(true);
			expect(x.value, x.id).toBeGreaterThan(0);
			if (x.group === 'api' || x.group === 'page') {
				expect(x.detail.n, x.id).toBeGreaterThanOrEqual(5);
				expect(x.detail.p50_ms, x.id).toBeLessThanOrEqual(x.detail.p95_ms);
			}
		}
		// the JS closure follows each page's own route modules: the pages do not all weigh the same
		const js = rows.filter((x) => x.group === 'js').map((x) => x.value);
		expect(new Set(js).size).toBeGreaterThan(1);
	});
});
