import { describe, expect, it } from 'vitest';
import { backorderSource, dataNotes, type DataNotesRow } from './data-notes';

const row = (r: Partial<DataNotesRow>): DataNotesRow => ({ lines: 0, recorded: 0, shipments: 0, dates: 0, lost_or_no_bid: 0, lost_without_reason: 0, lost_zero_amount: 0, ...r });
const margin = { value: 0.3, source: 'data' as const };

describe('backorderSource', () => {
	it.each([
		[row({ lines: 10, recorded: 10 }), 'recorded', /^Backorders as recorded/],
		[row({ lines: 10, shipments: 10 }), 'shipments', /^Backorders derived from shipments: .* within 2 days of its order date/],
		[row({ lines: 10, dates: 10 }), 'dates', /^Backorders inferred from dates: a line shipped more than 2 days after/],
		[row({ lines: 10 }), 'none', /^No backorder source: /],
		[row({ lines: 10, shipments: 6, recorded: 3 }), 'mixed', /^Backorders of the period's order lines: 30% recorded in the order lines, 60% derived from shipments, 10% no source\.$/]
	])('%j → %s', (r, kind, text) => {
		const s = backorderSource(r, 2);
		expect(s.kind).toBe(kind);
		expect(s.text).toMatch(text);
		expect(s.recorded + s.shipments + s.dates + s.none).toBe(r.lines);
	});

	it('says nothing for a period without lines', () => {
		expect(backorderSource(row({}), 2)).toMatchObject({ kind: null, text: null });
	});
});

describe('dataNotes', () => {
	it('nothing to say about recorded backorders, a measured margin and deals with reasons', () => {
		const r = row({ lines: 5, recorded: 5, lost_or_no_bid: 4, lost_without_reason: 0 });
		expect(dataNotes(r, backorderSource(r, 2), margin)).toEqual([]);
	});

	it('every gap, in the order a reader needs them', () => {
		const r = row({ lines: 5, lost_or_no_bid: 4, lost_without_reason: 4, lost_zero_amount: 1 });
		expect(dataNotes(r, backorderSource(r, 2), { value: 0.3, source: 'fallback' })).toEqual([
			expect.stringMatching(/^No backorder source/),
			'Gross margin 30% is the fallback assumption: the period\'s lines have no unit costs to compute it from.',
			'1 lost or not-bid deal has no amount, so it adds nothing to the value lost.',
			'No lost deal has a loss reason or a note: deals lost to availability cannot be told from the others, so none is counted.'
		]);
		const some = row({ lines: 5, recorded: 5, lost_or_no_bid: 4, lost_without_reason: 1 });
		expect(dataNotes(some, backorderSource(some, 2), { value: -0.1, source: 'data' })).toEqual([
			'Gross margin is -10.0%: the unit costs are at or above the prices (list prices taken as costs?), so margin-based costs are zero or negative.',
			'25% of lost deals have no loss reason or note: those cannot be counted as lost to availability.'
		]);
	});
});
