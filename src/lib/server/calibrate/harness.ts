/**
 * The share-of-wallet calibration harness (issue 16, DESIGN §4 "Calibration is the contract"): generate
 * samples with a planted decline, run each estimator design on them, and measure how far the estimates
 * fall from what was planted and how often the 90 % interval covers it.
 *
 * Each sample is read the way the app reads a load — its CSV files into DuckDB tables, then
 * queries/wallet/customer_months.sql with bound parameters and src/lib/metrics/wallet-panel.ts — so what
 * is calibrated is the same panel and estimator the ledger shows. The target of a run is the decline
 * planted on that design's own treated customers, weighted by their pre-window revenue (an average
 * effect on the treated), so designs that select different customers are each held to their own truth.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSample } from '../sample/generate';
import { DATA_FROM, PERIOD_FROM, PERIOD_TO, type DemandShock, type WalletDecline } from '../sample/params';
import { estimateWallet, monthIndex, BUCKETS, type DelayBucket, type WalletDesign, type WalletIntervalMethod, type WalletResult } from '../../metrics/wallet';
import { fullMonths, panelFromRows, type CustomerMonthsRow, type WalletPanel } from '../../metrics/wallet-panel';
import type { DesignSummary } from '../../metrics/calibration-summary';

export type { DesignSummary };

export interface Design {
	name: string;
	design: WalletDesign;
	interval: WalletIntervalMethod;
}

/** The old recipe first, the chosen design last; the two in between separate selection from interval. */
export const DESIGNS: readonly Design[] = [
	{ name: 'isolated + treated bootstrap (old)', design: 'isolated', interval: 'treated-bootstrap' },
	{ name: 'isolated + analytic', design: 'isolated', interval: 'analytic' },
	{ name: 'first exposure + treated bootstrap', design: 'first-exposure', interval: 'treated-bootstrap' },
	{ name: 'first exposure + analytic (chosen)', design: 'first-exposure', interval: 'analytic' }
];
export const CHOSEN = DESIGNS[DESIGNS.length - 1].name;
export const OLD = DESIGNS[0].name;

export interface World {
	name: string;
	decline: WalletDecline;
	shock?: DemandShock;
}

const UNIFORM = { le10: 0.15, gt10: 0.15, cancelled_open: 0.15 };
export const WORLDS: readonly World[] = [
	{ name: 'uniform −15 %', decline: UNIFORM },
	{ name: 'by bucket −5/−15/−25 %', decline: { le10: 0.05, gt10: 0.15, cancelled_open: 0.25 } },
	// heavy customer-months meet backorders more often (params.ts DemandShock): selection on volume
	{ name: 'bursty, uniform −15 %', decline: UNIFORM, shock: { sigma: 0.3, allocation: 0.01 } }
];

const KEY: Record<DelayBucket, keyof WalletDecline> = { '≤10 days': 'le10', '>10 days': 'gt10', 'cancelled/open': 'cancelled_open' };

/** Order lines that give about this many customers (the generator's sizes grow as scale^0.8). */
export function scaleForCustomers(customers: number): number {
	return Math.round(300_000 * (customers / 3000) ** 1.25);
}

export interface Run {
	seed: number;
	world: string;
	design: string;
	treated: number;
	/** planted decline on this design's treated customers, as a did (negative), percentage points */
	target: number | null;
	estimate: number | null;
	low: number | null;
	high: number | null;
	covered: boolean | null;
	pre_trend_flat: boolean | null;
	by_bucket: { bucket: DelayBucket; treated: number; target: number | null; estimate: number | null }[];
}

const pts = (x: number | null) => (x === null ? null : x * 100);

function plantedOn(r: WalletResult, decline: WalletDecline, bucket?: DelayBucket): number | null {
	let pre = 0;
	let acc = 0;
	for (const t of r.treated) {
		if (!t.bucket || (bucket && t.bucket !== bucket)) continue;
		pre += t.pre;
		acc += t.pre * decline[KEY[t.bucket]];
	}
	return pre > 0 ? (-100 * acc) / pre : null;
}

export function measure(panel: WalletPanel, data: { from: number; to: number }, world: World, seed: number, designs: readonly Design[] = DESIGNS): Run[] {
	return designs.map((d) => {
		const r = estimateWallet({
			customers: panel.customers,
			baseMonth: panel.baseMonth,
			periodFrom: monthIndex(PERIOD_FROM),
			periodTo: monthIndex(PERIOD_TO),
			dataFrom: data.from,
			dataTo: data.to,
			grossMargin: 0.3,
			design: d.design,
			interval: d.interval
		});
		const target = plantedOn(r, world.decline);
		const [low, high] = [pts(r.did_low), pts(r.did_high)];
		return {
			seed,
			world: world.name,
			design: d.name,
			treated: r.treated_customers,
			target,
			estimate: pts(r.did_pct),
			low,
			high,
			covered: low === null || high === null || target === null ? null : low <= target && target <= high,
			pre_trend_flat: r.pre_trend.flat,
			by_bucket: r.by_bucket.map((b) => ({ bucket: b.bucket, treated: b.treated, target: plantedOn(r, world.decline, b.bucket), estimate: pts(b.did_pct) }))
		};
	});
}

/** Reads a generated sample's CSV files into DuckDB and builds the estimator's panel from them. */
export async function panelOf(dir: string): Promise<{ panel: WalletPanel; data: { from: number; to: number } }> {
	const inst = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '1GB' });
	const c = await inst.connect();
	try {
		const csv = (t: string) => `read_csv('${path.join(dir, `${t}.csv`).replaceAll("'", "''")}', header = true)`;
		await c.run(`CREATE TABLE order_lines AS SELECT order_id, customer_id, sku, order_date::DATE AS order_date, promised_date::DATE AS promised_date, qty::DOUBLE AS qty,
			unit_price::DOUBLE AS unit_price, coalesce(qty_backordered, 0)::DOUBLE AS qty_backordered,
			backorder_filled_date::DATE AS backorder_filled_date, coalesce(qty_cancelled, 0)::DOUBLE AS qty_cancelled FROM ${csv('order_lines')}`);
		await c.run(`CREATE TABLE customers AS SELECT * FROM ${csv('customers')}`);
		await c.run(`CREATE TABLE products AS SELECT * FROM ${csv('products')}`);
		const query = (name: string) => readFileSync(path.resolve(import.meta.dirname, `../../../../queries/${name}.sql`), 'utf8');
		// the derived tables the panel's query reads, by the app's own definitions
		await c.run('CREATE SCHEMA derived');
		for (const t of ['bo_lines', 'customer_months']) await c.run(query(`derived/${t}`));
		const sql = query('wallet/customer_months');
		const rows = await read<CustomerMonthsRow>(c, sql, { category: null, supplier: null });
		const [range] = await read<{ first_date: string; last_date: string }>(c, `SELECT strftime(min(order_date), '%Y-%m-%d') AS first_date, strftime(max(order_date), '%Y-%m-%d') AS last_date FROM order_lines`);
		return { panel: panelFromRows(rows, monthIndex(range.first_date ?? DATA_FROM)), data: fullMonths(range.first_date, range.last_date) };
	} finally {
		c.closeSync();
		inst.closeSync();
	}
}

async function read<T>(c: DuckDBConnection, sql: string, params?: Record<string, null>): Promise<T[]> {
	return (await c.runAndReadAll(sql, params)).getRowObjectsJson() as T[];
}

export interface CalibrateOptions {
	seeds: number;
	firstSeed?: number;
	customers: number;
	worlds?: readonly World[];
	designs?: readonly Design[];
	log?: (msg: string) => void;
}

export async function calibrate(opts: CalibrateOptions): Promise<Run[]> {
	const runs: Run[] = [];
	const scale = scaleForCustomers(opts.customers);
	const work = mkdtempSync(path.join(os.tmpdir(), 'ledger-calibrate-'));
	try {
		for (let s = 0; s < opts.seeds; s++) {
			const seed = (opts.firstSeed ?? 1) + s;
			for (const world of opts.worlds ?? WORLDS) {
				const dir = path.join(work, `${seed}`);
				await generateSample({ outDir: dir, seed, scale, walletDecline: world.decline, demandShock: world.shock, threads: 1 });
				const { panel, data } = await panelOf(dir);
				rmSync(dir, { recursive: true, force: true });
				const got = measure(panel, data, world, seed, opts.designs);
				runs.push(...got);
				opts.log?.(`seed ${seed} ${world.name}: ${got.map((r) => `${r.estimate?.toFixed(1)} vs ${r.target?.toFixed(1)}`).join(', ')}`);
			}
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	return runs;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function summarise(runs: readonly Run[]): DesignSummary[] {
	const out: DesignSummary[] = [];
	const groups = new Map<string, Run[]>();
	for (const r of runs) {
		const k = JSON.stringify([r.world, r.design]);
		groups.set(k, [...(groups.get(k) ?? []), r]);
	}
	for (const [k, rs] of groups) {
		const [world, design] = JSON.parse(k) as [string, string];
		const ok = rs.filter((r) => r.estimate !== null && r.target !== null);
		const err = ok.map((r) => r.estimate! - r.target!);
		const cov = rs.filter((r) => r.covered !== null);
		const widths = rs.filter((r) => r.low !== null && r.high !== null).map((r) => r.high! - r.low!);
		const flat = rs.filter((r) => r.pre_trend_flat !== null);
		const ordered = rs.filter((r) => r.by_bucket.every((b) => b.estimate !== null));
		const distinct = new Set(rs.flatMap((r) => r.by_bucket.map((b) => b.target?.toFixed(6)))).size > 1;
		out.push({
			design,
			world,
			runs: rs.length,
			estimable: ok.length,
			mean_treated: mean(rs.map((r) => r.treated)) ?? 0,
			bias: mean(err),
			rmse: err.length ? Math.sqrt(mean(err.map((e) => e * e))!) : null,
			coverage: cov.length ? cov.filter((r) => r.covered).length / cov.length : null,
			mean_width: mean(widths),
			pre_trend_flat: flat.length ? flat.filter((r) => r.pre_trend_flat).length / flat.length : null,
			buckets: BUCKETS.map((bucket) => {
				const bs = rs.flatMap((r) => r.by_bucket.filter((b) => b.bucket === bucket && b.estimate !== null && b.target !== null));
				const estimate = mean(bs.map((b) => b.estimate!));
				const target = mean(bs.map((b) => b.target!));
				return { bucket, estimate, target, error: estimate === null || target === null ? null : estimate - target };
			}),
			bucket_order:
				distinct && ordered.length
					? ordered.filter((r) => r.by_bucket[0].estimate! > r.by_bucket[1].estimate! && r.by_bucket[1].estimate! > r.by_bucket[2].estimate!).length / ordered.length
					: null
		});
	}
	return out;
}

const f1 = (x: number | null, unit = '') => (x === null ? 'n/a' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}${unit}`);
const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 100)} %`);

/** A plain-text (markdown) table of the summaries. */
export function formatTable(s: readonly DesignSummary[]): string {
	const head = '| world | design | runs | treated | bias (pt) | RMSE (pt) | 90 % coverage | width (pt) | pre-trend flat | ≤10 d | >10 d | cancelled/open | bucket order |';
	const rule = '|' + '---|'.repeat(13);
	const bucket = (b: DesignSummary['buckets'][number]) => (b.estimate === null ? 'n/a' : `${b.estimate.toFixed(1)} (${b.target!.toFixed(1)})`);
	const rows = s.map(
		(d) =>
			`| ${d.world} | ${d.design} | ${d.estimable}/${d.runs} | ${Math.round(d.mean_treated)} | ${f1(d.bias)} | ${d.rmse === null ? 'n/a' : d.rmse.toFixed(2)} | ${pct(d.coverage)} | ${d.mean_width === null ? 'n/a' : d.mean_width.toFixed(1)} | ${pct(d.pre_trend_flat)} | ${d.buckets.map(bucket).join(' | ')} | ${d.bucket_order === null ? '—' : pct(d.bucket_order)} |`
	);
	return [head, rule, ...rows].join('\n');
}
