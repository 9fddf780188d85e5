import { describe, expect, it } from 'vitest';
import { capitalTerms, ledgerB, termsLine, termsText } from './terms';

describe('capitalTerms: b, h and b/(b+h) from one place', () => {
	it('divides the total cost by the backordered units and ties the ratio to the b and h shown', () => {
		// the figures: b $4.07, h $2.02 must give 66.8%, not a demand-weighted 72.4%
		const t = capitalTerms({ totalBackorderCost: 4070, backorderedQty: 1000, h: 2.0212 });
		expect(t.b).toBeCloseTo(4.07, 12);
		expect(t.h).toBe(2.0212);
		expect(t.critical_ratio).toBeCloseTo(4.07 / (4.07 + 2.02), 12);
		expect(termsText(t)).toEqual({ b: '$4.07', h: '$2.02', critical_ratio: '66.8%' });
		expect(t.reason).toBeNull();
	});

	it('takes the ratio from b and h to the cent, as shown', () => {
		// unrounded 4.0749/(4.0749+2.0151) = 0.66912 would read 66.9% next to $4.07 and $2.02 (66.8%)
		const t = capitalTerms({ totalBackorderCost: 4.0749, backorderedQty: 1, h: 2.0151 });
		expect(termsText(t).critical_ratio).toBe('66.8%');
	});

	it('says n/a with the reason instead of 0', () => {
		const none = capitalTerms({ totalBackorderCost: 500, backorderedQty: 0, h: 2 });
		expect(none).toEqual({ b: null, h: 2, critical_ratio: null, reason: 'no backordered units in the period' });
		expect(termsText(none).critical_ratio).toBe('n/a: no backordered units in the period');
		const noDemand = capitalTerms({ totalBackorderCost: 500, backorderedQty: 10, h: null });
		expect(noDemand.critical_ratio).toBeNull();
		expect(noDemand.reason).toBe('no SKU had demand in the period');
		expect(capitalTerms({ totalBackorderCost: 0, backorderedQty: 10, h: 0 }).reason).toBe('b and h are both 0');
	});

	it('writes one line naming how h is defined', () => {
		const line = termsLine(capitalTerms({ totalBackorderCost: 4070, backorderedQty: 1000, h: 2.02 }));
		expect(line).toBe(
			'Backorder cost per unit b $4.07 · holding cost per unit-year h $2.02 (unit cost × carrying rate per unit-year, weighted by each SKU’s annual demand) · critical ratio b/(b+h) 66.8%'
		);
	});
});

describe('ledgerB: the b a ledger summary prices the curve at', () => {
	it('is cost per backordered unit, 0 when it cannot be measured', () => {
		expect(ledgerB({ total_backorder_cost: 5_000, orders: { backordered_qty: 400 } })).toBe(12.5);
		expect(ledgerB({ total_backorder_cost: 5_000, orders: { backordered_qty: 0 } })).toBe(0);
		expect(ledgerB({ total_backorder_cost: null, orders: { backordered_qty: 400 } })).toBe(0);
		expect(ledgerB({ total_backorder_cost: Number.NaN, orders: { backordered_qty: 400 } })).toBe(0);
	});
});
