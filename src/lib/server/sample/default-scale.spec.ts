/**
 * One run at the default scale (300k lines, a few seconds): the statistics truth.json promises to the
 * metric tests are robust there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SampleTruth } from '../../sample-truth';
import { generateSample } from './generate';

let dir: string;
let truth: SampleTruth;
let seconds: number;
beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'sample-default-'));
	({ truth, seconds } = await generateSample({ outDir: dir }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sample at the default scale', () => {
	it('is quick and sized as documented', () => {
		expect(seconds).toBeLessThan(30);
		expect(truth.sizes).toMatchObject({ customers: 3000, products: 1500 });
		expect(truth.sizes.order_lines).toBeGreaterThan(290_000);
		expect(truth.sizes.contacts).toBeGreaterThanOrEqual(60_000);
	});

	it('has a clear lean story: backorders ~3 % → ~8 %, inventory value down 25–35 %', () => {
		const o = truth.observed;
		expect(o.backorder_rate_first_quarter).toBeGreaterThan(0.01);
		expect(o.backorder_rate_first_quarter).toBeLessThan(0.045);
		expect(o.backorder_rate_last_year).toBeGreaterThan(0.05);
		expect(o.backorder_rate_last_year).toBeLessThan(0.11);
		expect(o.lean.inventory_reduction_pct).toBeGreaterThan(25);
		expect(o.lean.inventory_reduction_pct).toBeLessThan(35);
		expect(o.top_suppliers.slice(0, 3).reduce((a, s) => a + s.share, 0)).toBeGreaterThan(0.4);
	});

	it('has enough isolated incidents for the wallet estimator, and it recovers the planted decline', () => {
		const w = truth.observed.wallet;
		expect(w.treated_customers).toBeGreaterThanOrEqual(150);
		for (const b of ['le10', 'gt10', 'cancelled_open'] as const) expect(w.treated_by_bucket[b]).toBeGreaterThanOrEqual(10);
		expect(Math.abs(w.did_pct - w.expected_did_pct)).toBeLessThan(5);
		expect(w.did_pct_by_bucket.le10!).toBeGreaterThan(w.did_pct_by_bucket.cancelled_open!);
		expect(w.customers_never_backordered).toBeGreaterThan(300);
	});

	it('has the contact and deal volumes the ledger prices', () => {
		const f = truth.default_period_facts;
		expect(f.service_backorder_contacts).toBeGreaterThan(5000);
		expect(f.sales_backorder_contacts).toBeGreaterThan(1000);
		expect(f.availability_lost_opportunities).toBeGreaterThan(300);
		expect(f.decided_opportunities).toBeGreaterThan(1000);
		expect(truth.observed.contacts_by_recording.noise).toBeGreaterThan(0);
	});
});
