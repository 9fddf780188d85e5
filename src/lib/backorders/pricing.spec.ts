import { describe, expect, it } from 'vitest';
import { contactWeekCost, coverage, crossingDelta, priceLine, skuQueue, type BucketEffects, type OpenLineInput, type Rates } from './pricing';

const EFFECTS: BucketEffects = {
	le10: { did_pct: -0.08, did_low: -0.1, did_high: -0.06, reason: null },
	gt10: { did_pct: -0.18, did_low: -0.22, did_high: -0.14, reason: null },
	cancelled_open: { did_pct: -0.28, did_low: null, did_high: null, reason: null }
};
const RATES: Rates = {
	service_per_week: 0.5, sales_per_week: 0.1, service_cost_per_contact: 8, sales_cost_per_contact: 40,
	deal_loss_per_week: 0.01, win_rate: 0.3, gross_margin: 0.4
};
const line = (over: Partial<OpenLineInput>): OpenLineInput => ({
	order_id: 'O1', line_no: 1, customer_id: 'C1', customer_name: 'Alpha', segment: 'Key', supplier: 'Acme', sku: 'P1',
	order_date: '2025-01-01', promised_date: null, age_days: 5, days_past_promise: null, qty_open: 2, unit_price: 10,
	bo_source: 'recorded', revenue_12m: 10000, open_deals: 0, open_deal_amount: 0, customer_open_lines: 1, ...over
});

describe('cost of one more week, term by term', () => {
	it('prices contacts per line-week at the scenario costs', () => {
		// 0.5 × 8 + 0.1 × 40 = 8
		expect(contactWeekCost(RATES).value).toBeCloseTo(8, 12);
		expect(contactWeekCost({ ...RATES, service_per_week: null }).value).toBeNull();
	});

	it('charges the wallet crossing only in the week that crosses 10 days', () => {
		// day 5 → 12 crosses ≤10 → >10: Δ 0.10 × 10000 × 0.4 = 400; interval Δ ∈ [0.04, 0.16] → [160, 640]
		const p = priceLine(line({ age_days: 5 }), EFFECTS, RATES);
		expect(p.wallet.value).toBeCloseTo(400, 9);
		expect(p.wallet.low).toBeCloseTo(160, 9);
		expect(p.wallet.high).toBeCloseTo(640, 9);
		expect(p.wallet.transition).toBe('≤10 days → >10 days');
		expect(p.cost_week).toBeCloseTo(408, 9);
		expect(p.cost_week_per_unit).toBeCloseTo(204, 9);
		expect(priceLine(line({ age_days: 3 }), EFFECTS, RATES).wallet.value).toBe(0); // day 10: still ≤10
		expect(priceLine(line({ age_days: 11 }), EFFECTS, RATES).wallet.value).toBe(0); // already >10
		// shared over the customer's open lines
		expect(priceLine(line({ customer_open_lines: 4 }), EFFECTS, RATES).wallet.value).toBeCloseTo(100, 9);
	});

	it('prices open deals by the loss rate, win rate and margin', () => {
		// 5000 × 0.01 × 0.3 × 0.4 = 6
		const p = priceLine(line({ age_days: 20, open_deals: 1, open_deal_amount: 5000 }), EFFECTS, RATES);
		expect(p.deals.value).toBeCloseTo(6, 12);
		expect(p.cost_week).toBeCloseTo(14, 12);
	});

	it('leaves an n/a term out of the total and names it', () => {
		const e = { ...EFFECTS, gt10: { did_pct: null, did_low: null, did_high: null, reason: 'too few treated customers' } };
		const p = priceLine(line({ age_days: 5 }), e, RATES);
		expect(p.wallet.value).toBeNull();
		expect(p.wallet.reason).toContain('too few treated customers');
		expect(p.excludes).toEqual(['wallet']);
		expect(p.cost_week).toBeCloseTo(8, 12);
		expect(crossingDelta(e).delta).toBeNull();
	});
});

describe('the per-SKU queue', () => {
	it('covers lines in order with the on-hand quantity', () => {
		expect(coverage([2, 3, 1], 4)).toEqual(['full', 'partial', 'none']);
		expect(coverage([2], null)).toEqual(['none']);
	});

	it('puts the largest cost per unit first beside first come first served', () => {
		const small = priceLine(line({ order_id: 'O1', order_date: '2025-01-01', revenue_12m: 1000 }), EFFECTS, RATES);
		const big = priceLine(line({ order_id: 'O2', order_date: '2025-01-02', revenue_12m: 50000 }), EFFECTS, RATES);
		const q = skuQueue([small, big], 2);
		expect(q.map((r) => [r.order_id, r.priority_rank, r.fcfs_rank, r.covered, r.fcfs_covered])).toEqual([
			['O2', 1, 2, 'full', 'none'],
			['O1', 2, 1, 'none', 'full']
		]);
	});
});
