/**
 * The fill queue on the default sample (issue 18, "done when"): the generator plants a share-of-wallet
 * decline per delay bucket (truth.json: 8 % for ≤10 days, 18 % for >10 days), and its default period ends
 * with open backorders. Priced with the planted effects instead of the estimated ones, the lines must come
 * in the same order: the customers with the largest expected loss first.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleTruth } from '$lib/sample-truth';
import { byPriority, priceLine, type BucketEffects, type PricedLine } from '$lib/backorders/pricing';
import { generateSample } from '$lib/server/sample/generate';
import { ingestFolder } from '$lib/server/ingest';
import { closeInstance, getInstance } from '$lib/server/db';
import { activeScenario } from '../assumptions/store';
import { pricedOpenLines, type Pricing } from './queue';
import { fillPrioritySaving } from './saving';

let dir: string;
let truth: SampleTruth;
let lines: PricedLine[];
let pricing: Pricing;

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'fill-queue-sample-'));
	process.env.LEDGER_DB = path.join(dir, 'ledger.duckdb');
	await generateSample({ outDir: path.join(dir, 'sample') });
	truth = JSON.parse(readFileSync(path.join(dir, 'sample', 'truth.json'), 'utf8'));
	await ingestFolder(await getInstance(), path.join(dir, 'sample'));
	({ lines, pricing } = await pricedOpenLines(truth.default_period, await activeScenario()));
}, 120_000);

afterAll(async () => {
	await closeInstance();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

const planted = (t: SampleTruth): BucketEffects => {
	const d = t.planted.wallet.decline_by_bucket;
	const e = (x: number) => ({ did_pct: -x, did_low: null, did_high: null, reason: null });
	return { le10: e(d.le10), gt10: e(d.gt10), cancelled_open: e(d.cancelled_open) };
};

describe('the fill queue on the sample', () => {
	it('has open backorders at the default end, some crossing 10 days next week', () => {
		expect(lines.length).toBeGreaterThan(100);
		expect(lines.filter((l) => l.wallet.transition !== null).length).toBeGreaterThan(20);
		// the estimate orders the buckets as planted, so a crossing costs money
		expect(pricing.effects.le10.did_pct!).toBeGreaterThan(pricing.effects.gt10.did_pct!);
		expect(pricing.contact_week.value!).toBeGreaterThan(0);
	});

	it('puts the customers with the largest planted expected loss first', () => {
		const byPlanted = lines.map((l) => priceLine(l, planted(truth), pricing.rates, pricing.contact_week)).sort(byPriority);
		const key = (l: PricedLine) => `${l.order_id}/${l.line_no}`;
		const top = 20;
		expect(lines.slice(0, top).map(key)).toEqual(byPlanted.slice(0, top).map(key));
		// and those lines are the ones whose wait crosses 10 days next week: the planted wallet loss leads
		for (const l of lines.slice(0, 10)) expect(l.wallet.transition).not.toBeNull();
		expect(byPlanted[0].wallet.value!).toBeGreaterThan(pricing.contact_week.value! * 10);
	});

	it('prices what filling by priority would have saved', async () => {
		const s = await fillPrioritySaving(truth.default_period, await activeScenario());
		expect(s.lines).toBeGreaterThan(1000);
		expect(s.saving).not.toBeNull();
		expect(s.saving!).toBeGreaterThan(0);
		expect(s.contact_saving).toBeCloseTo(0, 6);
		const segSum = s.by_segment.reduce((a, g) => a + g.saving!, 0);
		expect(segSum).toBeCloseTo(s.saving!, 6);
		// under a segment filter: that segment's part of the same counterfactual, as on the page's table
		const scenario = await activeScenario();
		for (const g of s.by_segment.filter((x) => x.key !== null)) {
			const part = await fillPrioritySaving({ ...truth.default_period, segment: g.key }, scenario);
			expect(part.saving!).toBeCloseTo(g.saving!, 6);
		}
		console.log('sample saving', JSON.stringify({ saving: s.saving, low: s.low, high: s.high, moved: s.moved, lines: s.lines, open: lines.length, top: lines[0].cost_week }));
	});
});
