/**
 * The estimator against the sample generator's planted share-of-wallet decline: generate the default
 * sample, load it through the ingest pipeline, and check that the 90 % interval for the default period
 * covers the decline truth.json says was planted (a pre-revenue-weighted fraction over treated customers).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleTruth } from '$lib/sample-truth';
import { generateSample } from '$lib/server/sample/generate';
import { ingestFolder } from '$lib/server/ingest';
import { closeInstance, getInstance } from '$lib/server/db';
import { walletEstimate, type WalletEstimate } from './wallet';

let dir: string;
let truth: SampleTruth;
let w: WalletEstimate;

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'wallet-sample-'));
	process.env.LEDGER_DB = path.join(dir, 'ledger.duckdb');
	await generateSample({ outDir: path.join(dir, 'sample') });
	truth = JSON.parse(readFileSync(path.join(dir, 'sample', 'truth.json'), 'utf8'));
	await ingestFolder(await getInstance(), path.join(dir, 'sample'));
	w = await walletEstimate(truth.default_period, 0.3);
});

afterAll(async () => {
	await closeInstance();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('share-of-wallet decline on the default sample', () => {
	it('finds treated customers in every delay bucket', () => {
		expect(w.treated_customers).toBeGreaterThan(50);
		for (const b of w.by_bucket) expect(b.treated).toBeGreaterThan(0);
		// truth.json measures the same design with its own SQL (ntile terciles over all customers of the
		// segment); the treated set agrees exactly, the estimate within a fifth of a point
		expect(w.treated_customers).toBe(truth.observed.wallet.treated_customers);
		expect(w.by_bucket.map((b) => b.treated)).toEqual([
			truth.observed.wallet.treated_by_bucket.le10,
			truth.observed.wallet.treated_by_bucket.gt10,
			truth.observed.wallet.treated_by_bucket.cancelled_open
		]);
		expect(Math.abs(w.did_pct! * 100 - truth.observed.wallet.did_pct)).toBeLessThan(0.2);
	});

	it('covers the planted decline with its 90 % interval', () => {
		const planted = -truth.planted.wallet.decline_overall;
		expect(w.did_low!).toBeLessThanOrEqual(planted);
		expect(w.did_high!).toBeGreaterThanOrEqual(planted);
		expect(w.did_pct!).toBeLessThan(0);
		expect(w.lost_revenue!).toBeGreaterThan(0);
		expect(w.not_estimable).toBeNull();
		// the contract's unbiasedness (±1 pt over 20 seeds) is npm run calibrate's; one seed stays within 3 pt
		expect(Math.abs(w.did_pct! - planted)).toBeLessThan(0.03);
	});

	it('lists each treated customer with its counterfactual, adding up to the loss', () => {
		expect(w.treated).toHaveLength(w.treated_customers);
		const lost = w.treated.reduce((s, t) => s + t.lost, 0);
		expect(lost / w.pre_revenue).toBeCloseTo(-w.did_pct!, 9);
		expect(w.treated.every((t) => t.sales_rep !== null && w.cells[t.cell].control_ids.length > 0)).toBe(true);
	});

	it('orders the delay buckets as planted: longer waits, deeper declines', () => {
		const d = Object.fromEntries(w.by_bucket.map((b) => [b.bucket, b.did_pct!]));
		expect(d['>10 days']).toBeLessThan(d['≤10 days']);
		expect(d['cancelled/open']).toBeLessThan(d['>10 days']);
	});
});
