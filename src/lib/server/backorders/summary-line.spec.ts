/** The ledger's fill-priority line (/api/summary `fill_priority`): a counterfactual beside the total, never in it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from '../db';
import { activeScenario } from '../assumptions/store';
import { DRIVERS_FIXTURE_SQL } from '../drivers/fixture';
import { summaryResponse } from '../metrics/summary';
import { fillPrioritySaving } from './saving';

beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	await withConnection((c) => c.run(DRIVERS_FIXTURE_SQL));
});
afterAll(() => closeInstance());

describe('/api/summary fill_priority', () => {
	it('carries the saving outside the total, n/a with the reason on a fixture too small to estimate', async () => {
		const r = await summaryResponse(new URLSearchParams('from=2025-01-01&to=2025-03-31'));
		expect(r.status).toBe(200);
		if (r.status !== 200) return;
		const b = r.body;
		const direct = await fillPrioritySaving({ from: '2025-01-01', to: '2025-03-31' }, await activeScenario());
		expect(b.fill_priority.counterfactual).toBe(true);
		expect(b.fill_priority.in_total).toBe(false);
		expect(b.fill_priority.saving).toBe(direct.saving);
		expect(b.fill_priority.lines).toBe(direct.lines);
		// the fixture's wallet estimate has no treated customer: the bucket effects, hence the saving, are n/a
		expect(b.fill_priority.saving).toBeNull();
		expect(b.fill_priority.reason).toMatch(/by-bucket effect is n\/a/);
		const parts = b.service.cost + b.sales.cost + b.sales.opportunity_cost + b.cancellations.lost_margin + (b.wallet.lost_margin ?? 0) + (b.winloss.expected_lost_margin ?? 0);
		expect(b.total_backorder_cost).toBeCloseTo(parts, 9);
	});
});
