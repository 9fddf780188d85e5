/**
 * The ledger recovers the sample generator's exact facts: generate the default sample, load it through
 * the ingest pipeline, and compare /api/summary (default period, default assumptions) with truth.json.
 * truth.json is computed by the generator's own SQL, written apart from queries/ledger/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleTruth } from '$lib/sample-truth';
import { generateSample } from '$lib/server/sample/generate';
import { ingestFolder } from '$lib/server/ingest';
import { closeInstance, getInstance } from '$lib/server/db';
import { GET } from '../../src/routes/api/summary/+server';
import type { LedgerSummary } from '$lib/server/metrics/summary';

let dir: string;
let truth: SampleTruth;
let s: LedgerSummary;

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-truth-'));
	process.env.LEDGER_DB = path.join(dir, 'ledger.duckdb');
	await generateSample({ outDir: path.join(dir, 'sample') });
	truth = JSON.parse(readFileSync(path.join(dir, 'sample', 'truth.json'), 'utf8'));
	const report = await ingestFolder(await getInstance(), path.join(dir, 'sample'));
	expect(report.refused ?? []).toEqual([]);
	const res = await GET({ url: new URL('http://x/api/summary') } as never);
	expect(res.status).toBe(200);
	s = await res.json();
});

afterAll(async () => {
	await closeInstance();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

const cents = (a: number | null, b: number) => expect(Math.abs((a ?? NaN) - b)).toBeLessThanOrEqual(0.01);

describe('summary against truth.json (default sample, default period)', () => {
	it('uses the default period', () => {
		expect(s.period.from).toBe(truth.default_period.from);
		expect(s.period.to).toBe(truth.default_period.to);
		expect(s.scenario.name).toBe('default');
	});

	it('counts order lines and values exactly', () => {
		const f = truth.default_period_facts;
		expect(s.orders.lines).toBe(f.lines);
		expect(s.orders.backordered_lines).toBe(f.backordered_lines);
		cents(s.orders.ordered_value, f.ordered_value);
		cents(s.orders.backordered_value, f.backordered_value);
		cents(s.cancellations.value, f.cancelled_value);
		expect(s.orders.line_fill_rate).toBeCloseTo(f.line_fill_rate, 6);
		expect(s.orders.value_fill_rate).toBeCloseTo(f.value_fill_rate, 6);
		expect(s.orders.avg_backorder_days).toBeCloseTo(f.avg_backorder_days, 4);
		expect(s.service_kpis.otif).toBeCloseTo(f.otif, 6);
		expect(s.gross_margin).toBeCloseTo(f.gross_margin, 6);
	});

	it('counts backorder-related contacts by the §3 rule', () => {
		const f = truth.default_period_facts;
		expect(s.service.backorder_contacts).toBe(f.service_backorder_contacts);
		cents(s.service.cost, f.service_backorder_cost);
		expect(s.sales.backorder_activities).toBe(f.sales_backorder_contacts);
		expect(s.sales.hours * 60).toBeCloseTo(f.sales_backorder_minutes, 4);
	});

	it('counts deals lost to availability and the win rate inputs', () => {
		const f = truth.default_period_facts;
		expect(s.winloss.lost_deals).toBe(f.availability_lost_opportunities);
		cents(s.winloss.lost_value, f.availability_lost_value);
		expect(s.winloss.decided_opportunities).toBe(f.decided_opportunities);
		if (f.decided_opportunities >= 20) expect(s.winloss.win_rate).toBeCloseTo(f.won_opportunities / f.decided_opportunities, 10);
	});

	it('values inventory for the baseline and the period', () => {
		const f = truth.default_period_facts;
		cents(s.holding.baseline_value, f.inventory_baseline_value);
		cents(s.holding.period_value, f.inventory_period_value);
		expect(s.holding.period_snapshots).toBe(f.snapshot_dates_in_period);
		expect(s.holding.savings).toBeGreaterThan(0); // the planted lean programme saved carrying cost
	});

	it('counts the known incident customer’s contacts as the rule says', () => {
		expect(truth.known_customers.incident.counted_contact_ids.length).toBeGreaterThan(0);
	});
});
