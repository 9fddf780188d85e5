import { describe, expect, it } from 'vitest';
import { filterNotEstimable, scaleWallet, treatedParts, type TreatedUnit } from './wallet-scope';

const T: TreatedUnit[] = [
	{ id: 'C1', segment: 'Key', region: 'West', sales_rep: 'Ann', pre: 300 },
	{ id: 'C2', segment: 'Core', region: 'East', sales_rep: 'Bob', pre: 100 }
];
const EST = { treated_customers: 2, did_pct: -0.1, did_low: -0.15, did_high: -0.05, lost_revenue: 40, lost_margin: 12 };

describe('the wallet loss on a filter', () => {
	it('gives each treated customer its pre-revenue part, and a partition adds up', () => {
		expect(treatedParts(T, { segment: 'Key' }, null)).toEqual([0.75, 0]);
		const key = scaleWallet(EST, treatedParts(T, { segment: 'Key' }, null));
		const core = scaleWallet(EST, treatedParts(T, { segment: 'Core' }, null));
		expect(key.lost_margin! + core.lost_margin!).toBeCloseTo(12, 12);
		expect(key).toMatchObject({ treated_customers: 1, lost_margin: 9, did_pct: -0.1 });
	});

	it('keeps, under a product filter, the share of each incident on those products', () => {
		expect(treatedParts(T, { supplier: 'Acme' }, new Map([['C1', 0.5]]))).toEqual([0.375, 0]);
	});

	it('is n/a, not $0, for customer filters with no treated customer', () => {
		expect(filterNotEstimable(T, { segment: 'Strategic' })).toMatch(/no customer in these filters had a first backorder/);
		expect(filterNotEstimable(T, { customer: 'C9' })).not.toBeNull();
		expect(filterNotEstimable(T, { segment: 'Key' })).toBeNull();
		expect(filterNotEstimable(T, {})).toBeNull();
		// a product filter alone has an answer: its part, zero when no incident was on its products
		expect(filterNotEstimable(T, { supplier: 'Nobody' })).toBeNull();
	});
});
