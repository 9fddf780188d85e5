/**
 * Writes the sample: six canonical CSV files and truth.json into outDir. All generation runs inside a
 * throw-away DuckDB file (not :memory:, so 10M lines can spill to disk) with set-based SQL and hashed
 * randomness; files are written in key order, so a seed and scale always give byte-identical output.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ASSUMPTIONS } from '../../metrics/assumptions';
import type { SampleTruth } from '../../sample-truth';
import { sampleParams, DEFAULT_SEED, DEFAULT_SCALE, type DemandShock, type WalletDecline } from './params';
import { randomMacros } from './random-sql';
import { basketSql, calendarMacros, customersSql, productsSql, sellersSql } from './dimensions-sql';
import { supplySql } from './supply-sql';
import { ordersSql } from './orders-sql';
import { inventorySql } from './inventory-sql';
import { causedContactsSql, ordinaryContactsSql } from './contacts-sql';
import { opportunitiesSql } from './opportunities-sql';
import { copySql, exportViewsSql, tablesOf, type SampleShape } from './export-sql';
import { buildTruth } from './truth';

export interface GenerateOptions {
	outDir: string;
	seed?: number;
	scale?: number;
	/** progress lines (step name and seconds) */
	log?: (msg: string) => void;
	/** DuckDB threads; default LEDGER_THREADS or 2 */
	threads?: number;
	/** DuckDB memory_limit; default LEDGER_SAMPLE_MEMORY or 3GB (the server passes its own, lower limit) */
	memoryLimit?: string;
	/** 'recorded' (default): lines with their backorder figures; 'shipments': as an ERP exports them (export-sql.ts) */
	shape?: SampleShape;
	/** the planted share-of-wallet decline per delay bucket (default params.ts WALLET_DECLINE) */
	walletDecline?: WalletDecline;
	/** bursty demand with volume-linked backorders (default none) */
	demandShock?: DemandShock;
}

export interface GenerateResult {
	files: string[];
	truth: SampleTruth;
	seconds: number;
}

export async function generateSample(opts: GenerateOptions): Promise<GenerateResult> {
	const p = sampleParams(opts.seed ?? DEFAULT_SEED, opts.scale ?? DEFAULT_SCALE, opts.walletDecline, opts.demandShock);
	const log = opts.log ?? (() => {});
	const outDir = path.resolve(opts.outDir);
	mkdirSync(outDir, { recursive: true });
	const work = mkdtempSync(path.join(os.tmpdir(), 'ledger-sample-'));
	const t0 = performance.now();
	const threads = String(opts.threads ?? (Number(process.env.LEDGER_THREADS) || 2));
	const inst = await DuckDBInstance.create(path.join(work, 'gen.duckdb'), {
		threads,
		memory_limit: opts.memoryLimit ?? process.env.LEDGER_SAMPLE_MEMORY ?? '3GB',
		temp_directory: path.join(work, 'spill'),
		// keeps ORDER BY order in COPY output: byte-identical files
		preserve_insertion_order: 'true'
	});
	const c = await inst.connect();
	try {
		let last = performance.now();
		const step = async (name: string, statements: string[]) => {
			for (const s of statements) await c.run(s);
			const now = performance.now();
			log(`${name.padEnd(14)} ${((now - last) / 1000).toFixed(1)} s`);
			last = now;
		};
		await step('setup', [...randomMacros(p.seed), ...calendarMacros()]);
		await step('customers', [...sellersSql(p), ...customersSql(p)]);
		await step('products', productsSql(p));
		await step('baskets', basketSql(p));
		await step('shortages', supplySql());
		await step('order lines', ordersSql(p.walletDecline, p.demandShock));
		await step('inventory', inventorySql());
		await step('contacts', causedContactsSql());
		const caused = Number((await c.runAndReadAll('SELECT count(*) AS n FROM caused')).getRowObjectsJson()[0].n);
		// ordinary contacts fill up to the scale-linked total, at least as many as the caused ones
		await step('contacts 2', ordinaryContactsSql(Math.max(caused, p.sizes.contacts - caused)));
		await step('opportunities', opportunitiesSql(p.sizes.opportunities));
		const shape = opts.shape ?? 'recorded';
		const grace = DEFAULT_ASSUMPTIONS.ship_grace_days;
		await step('views', exportViewsSql(shape, grace));
		const files: string[] = [];
		for (const t of tablesOf(shape)) {
			const f = path.join(outDir, `${t}.csv`);
			await c.run(copySql(t, f, shape, grace));
			files.push(f);
		}
		log(`${'write csv'.padEnd(14)} ${((performance.now() - last) / 1000).toFixed(1)} s`);
		last = performance.now();
		const truth = await buildTruth(c, p);
		const tf = path.join(outDir, 'truth.json');
		writeFileSync(tf, JSON.stringify(truth, null, 2) + '\n');
		files.push(tf);
		log(`${'truth'.padEnd(14)} ${((performance.now() - last) / 1000).toFixed(1)} s`);
		return { files, truth, seconds: (performance.now() - t0) / 1000 };
	} finally {
		c.closeSync();
		inst.closeSync();
		rmSync(work, { recursive: true, force: true });
	}
}
