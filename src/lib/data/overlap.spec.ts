import { describe, expect, it } from 'vitest';
import { rangeOverlapNotes } from './overlap';

const orders = { table: 'order_lines', first: '2025-01-06', last: '2025-06-02' };

describe('tables whose dates do not overlap the orders', () => {
	it('are flagged, each saying which side and what it costs the figures', () => {
		expect(
			rangeOverlapNotes([
				orders,
				{ table: 'inventory_snapshots', first: '2025-07-01', last: '2026-10-25' },
				{ table: 'contacts', first: '2024-01-02', last: '2024-12-31' },
				{ table: 'opportunities', first: '2025-06-02', last: '2025-09-30' },
				{ table: 'customers', first: null, last: null }
			])
		).toEqual([
			'inventory_snapshots (2025-07-01 – 2026-10-25) begins after the orders end (order_lines 2025-01-06 – 2025-06-02): holding savings and the working-capital figures rest on stock of another period than the orders.',
			'contacts (2024-01-02 – 2024-12-31) ends before the orders begin (order_lines 2025-01-06 – 2025-06-02): no contact falls in the orders’ period, so service and sales costs of backorders are about other orders.'
		]);
	});

	it('say nothing when the ranges meet, a table is empty, or there are no orders', () => {
		expect(rangeOverlapNotes([orders, { table: 'shipments', first: '2025-06-02', last: '2025-06-02' }])).toEqual([]);
		expect(rangeOverlapNotes([orders, { table: 'shipments', first: null, last: null }])).toEqual([]);
		expect(rangeOverlapNotes([{ table: 'order_lines', first: null, last: null }, { table: 'contacts', first: '2020-01-01', last: '2020-02-01' }])).toEqual([]);
		expect(rangeOverlapNotes([{ table: 'contacts', first: '2020-01-01', last: '2020-02-01' }])).toEqual([]);
	});

	it('name an unknown table’s consequence plainly', () => {
		expect(rangeOverlapNotes([orders, { table: 'returns', first: '2023-01-01', last: '2023-02-01' }])[0]).toMatch(/: figures that combine the two compare different periods\.$/);
	});
});
