import { describe, expect, it } from 'vitest';
import { breakdownExportRow, walletNotEstimable } from './columns';
import { sumRows, type MemberRow } from './breakdown';

const row = (over: Partial<MemberRow>): MemberRow => ({ ...sumRows([]), key: 'k', member: 'Key', label: 'Key', kind: 'member', ...over });

describe('walletNotEstimable: n/a, never $0, where the estimate says nothing', () => {
	const VIEW = 'no first backorder in the period has 6 full months of data before and after it';
	it.each([
		// dimension, row, the view's reason → n/a?
		['segment', row({ treated_customers: 0 }), null, /no customer of this segment had a first backorder/],
		['sales_rep', row({ treated_customers: 0, kind: 'none' }), null, /of this sales rep/],
		['segment', row({ treated_customers: 3, wallet_lost_margin: 120 }), null, null],
		// over products and months a member without treated incidents carries a true $0
		['supplier', row({ treated_customers: 0 }), null, null],
		['month', row({ treated_customers: 0 }), null, null],
		// the unattributed and total rows have no customers of their own
		['segment', row({ kind: 'unattributed', treated_customers: 0 }), null, null],
		['segment', row({ kind: 'total', treated_customers: 0 }), null, null],
		// the view's reason (the company's estimate, or a customer filter none of whose customers is treated) wins
		['supplier', row({ treated_customers: 2 }), VIEW, VIEW],
		['segment', row({ kind: 'total' }), VIEW, VIEW]
	] as const)('%s, %o, view reason %s', (dim, r, view, expected) => {
		const got = walletNotEstimable(dim, r, view);
		if (expected === null) expect(got).toBeNull();
		else if (typeof expected === 'string') expect(got).toBe(expected);
		else expect(got).toMatch(expected);
	});

	it('leaves the export cell empty instead of writing 0', () => {
		const r = row({ treated_customers: 0, total: 50 });
		expect(breakdownExportRow(r, 100, 'why').wallet_lost_margin).toBeNull();
		expect(breakdownExportRow(r, 100).wallet_lost_margin).toBe(0);
		expect(breakdownExportRow(r, 100).share).toBe(0.5);
	});
});
