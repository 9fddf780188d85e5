/**
 * Answers kept in the database file, on the generated sample: after a restart (in-memory answers
 * forgotten, the database reopened) every default view — /api/summary, the home page, /customers,
 * /drivers' breakdown, /capital, /backorders, the company's wallet estimate — is read from the file, and is exactly what was computed; a load of
 * other data never serves the old answers; the CLI's warm-up leaves them for the server.
 */
import { describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from '$lib/server/db';
import { useSampleDatabase } from './sample-database';
import { answersWritten, forgetAnswers } from '$lib/server/answer-store';
import { dataVersion, summaryResponse } from '$lib/server/metrics/summary';
import { homeData } from '$lib/server/metrics/home';
import { capitalData } from '$lib/server/metrics/capital';
import { customersOverview } from '$lib/server/customers/overview';
import { breakdown } from '$lib/server/drivers/breakdown';
import { companyWallet } from '$lib/server/scope/wallet';
import { backordersPage } from '$lib/server/backorders/page';
import { activeScenario } from '$lib/server/assumptions/store';
import { readCustomerParams } from '$lib/customers/params';

const PERIOD = { from: '2025-11-01', to: '2026-10-31' };
useSampleDatabase('kept-answers', 60_000);

/** every view the warm-up computes, and two the pages ask under filters */
async function views() {
	const scenario = await activeScenario();
	const f = { ...PERIOD, supplier: undefined };
	const api = await summaryResponse(new URLSearchParams(PERIOD));
	const seg = await summaryResponse(new URLSearchParams({ ...PERIOD, segment: 'Key' }));
	if (api.status !== 200 || seg.status !== 200) throw new Error('summary failed');
	return {
		api: api.body,
		seg: seg.body,
		home: await homeData(f, scenario, { from: '2024-11-01', to: '2025-10-31' }, '2024-01-01'),
		customers: await customersOverview(f, scenario, readCustomerParams(new URLSearchParams())),
		drivers: await breakdown({ ...PERIOD, category: 'Valves' }, 'supplier', 'month', scenario, { version: await dataVersion() }),
		capital: await capitalData(f, 12.5, 0.25, 90),
		wallet: (await companyWallet(f, api.body.gross_margin, { window: scenario.assumptions.wallet_window_months, version: await dataVersion() })).est,
		backorders: await backordersPage(f, scenario, await dataVersion())
	};
}

/** what differs between a computed answer and a kept one by design: how long it took */
function untimed(v: unknown): unknown {
	return JSON.parse(JSON.stringify(v, (k, x) => (k === 'timings_ms' || k === 'ms' ? undefined : x)));
}

const keptCount = async () => Number((await withConnection((c) => c.runAndReadAll('SELECT count(*) FROM derived.answers'))).getRows()[0][0]);

describe('answers kept in the database file', () => {
	it('are served after a restart exactly as computed, without recomputing', async () => {
		const computed = await views();
		await answersWritten();
		// the ledger for the period, for the Key segment and for the comparison period; the trend; the top
		// suppliers and the Valves breakdown; the customers overview; the capital scans; the company's
		// share-of-wallet estimate for the period and for the comparison period; the backorders page
		expect(await keptCount()).toBe(11);
		expect(Object.keys(computed.api.timings_ms)).toContain('wallet');

		forgetAnswers();
		await closeInstance();
		const t = performance.now();
		const read = await views();
		const ms = performance.now() - t;
		// read, not computed: the summary says so instead of its parts' timings
		expect(read.api.timings_ms).toEqual({ stored_answer: expect.any(Number) });
		expect(read.capital.timings_ms).toEqual({ stored_answer: expect.any(Number), priced: expect.any(Number), total: expect.any(Number) });
		expect(untimed(read)).toEqual(untimed(computed));
		expect(read.api.total_backorder_cost).toBeGreaterThan(0);
		expect(read.seg.total_backorder_cost).toBeLessThan(read.api.total_backorder_cost);
		console.log(`views computed, then read from the file in ${Math.round(ms)} ms`);
	});

	it('of other data are never served: a load recomputes', async () => {
		const before = await summaryResponse(new URLSearchParams(PERIOD));
		if (before.status !== 200) throw new Error('summary failed');
		// another load: one more customer and one of their lines, a backorder worth 1,000,000
		await withConnection((c) =>
			c.run(`INSERT INTO customers (customer_id, name, segment, region) VALUES ('C-KEPT', 'Kept test', 'Key', 'West');
				INSERT INTO order_lines (order_id, line_no, customer_id, sku, order_date, qty, unit_price, qty_backordered)
				SELECT 'O-KEPT', 1, 'C-KEPT', sku, DATE '2026-06-01', 1000, 1000, 1000 FROM products LIMIT 1`)
		);
		forgetAnswers();
		await closeInstance();
		const after = await summaryResponse(new URLSearchParams(PERIOD));
		if (after.status !== 200) throw new Error('summary failed');
		expect(Object.keys(after.body.timings_ms)).toContain('wallet');
		expect(after.body.orders.backordered_value - before.body.orders.backordered_value).toBeCloseTo(1_000_000, 0);
	});
});
