/** Suggested mappings: header names against synonyms by edit distance (as react-spreadsheet-import's findMatch), checked against sample values. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA } from '$lib/schema';
import { headerSignature, validateMapping, type FileShape } from './mapping';
import { editDistance, enumValue, headerScore, looksLikeData, matchTable, suggestTables, valuesFit } from './suggest';

const FIXTURES = path.resolve('tests/fixtures/exports');

/** A fixture's header and first rows, split the simple way (these rows quote nothing that matters here). */
function shapeOf(dir: string, file: string, rows = 5): FileShape {
	const lines = readFileSync(path.join(FIXTURES, dir, file), 'utf8').split(/\r?\n/).filter(Boolean);
	const split = (l: string) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((f) => f.replace(/,$/, '').replace(/^"|"$/g, ''));
	const headers = split(lines[0]);
	return { name: file, headers, rows: lines.slice(1, 1 + rows).map(split), signature: headerSignature(headers) };
}

const spec = (table: keyof typeof SCHEMA, col: string) => SCHEMA[table].columns.find((c) => c.name === col)!;

describe('header names', () => {
	it('edit distance', () => {
		expect(editDistance('quantity', 'quantiy')).toBe(1);
		expect(editDistance('', 'abc')).toBe(3);
		expect(editDistance('kitten', 'sitting')).toBe(3);
	});

	it('a header names a column by its name or a synonym, a near miss, or a synonym among its words', () => {
		expect(headerScore('Order ID', 'order_id')).toBe(0);
		expect(headerScore('order date (DateOrders)', 'order_date')).toBe(0.06);
		expect(headerScore('VBELN_VA', 'order_id')).toBe(0.08);
		// the column's own name before a synonym: "Customer Id" over "Customer Email" (masked in some exports)
		expect(headerScore('Customer Id', 'customer_id')).toBeLessThan(headerScore('Customer Email', 'customer_id')!);
		expect(headerScore('Quantiy', 'qty')).toBe(1); // a typo of "quantity"
		expect(headerScore('Order Item Total Quantity', 'qty')).toBe(3.75); // holds "quantity", three words more
		expect(headerScore('Latitude', 'qty')).toBeNull();
		expect(headerScore('Qty', 'sku')).toBeNull(); // short names need an exact match
	});

	it('sample values must fit the column’s type', () => {
		expect(valuesFit(spec('order_lines', 'order_date'), ['1/6/25 9:15', '2/14/25 11:11'])).toBe(true);
		expect(valuesFit(spec('order_lines', 'order_date'), ['Standard Class', 'First Class'])).toBe(false);
		expect(valuesFit(spec('order_lines', 'qty'), ['1', '2,5', '1.250,5'])).toBe(true);
		expect(valuesFit(spec('order_lines', 'qty'), ['COMPLETE', 'PENDING'])).toBe(false);
		expect(looksLikeData(['M-100', '1000', '0001', 'A-01-01', '12', '20240930'])).toBe(true);
		expect(looksLikeData(['MATNR', 'WERKS', 'LGORT', 'LGPLA', 'BWMNG', 'BUDAT'])).toBe(false);
		expect(enumValue(spec('contacts', 'channel'), 'Social media')).toBe('other');
		expect(enumValue(spec('opportunities', 'outcome'), 'Closed Won')).toBe('won');
		expect(enumValue(spec('opportunities', 'outcome'), 'Proposal')).toBeNull();
	});
});

describe('suggested tables', () => {
	it('a supply-chain export of one row per order line gives order lines and its customers (first row kept), from its own names', () => {
		const shape = shapeOf('dataco-supply-chain', 'DataCoSupplyChainDataset.csv');
		const got = suggestTables(shape);
		expect(got.map((m) => [m.table, m.keys])).toEqual([
			['customers', 'first'],
			['order_lines', undefined]
		]);
		const lines = got[1];
		expect(lines.columns).toMatchObject({
			order_id: { kind: 'column', source: { column: 'Order Id' } },
			line_no: { kind: 'column', source: { column: 'Order Item Id' } },
			customer_id: { kind: 'column', source: { column: 'Customer Id' } },
			sku: { kind: 'column', source: { column: 'Product Card Id' } },
			order_date: { kind: 'column', source: { column: 'order date (DateOrders)' } },
			ship_date: { kind: 'column', source: { column: 'shipping date (DateOrders)' } },
			qty: { kind: 'column', source: { column: 'Order Item Quantity' } },
			unit_price: { kind: 'column', source: { column: 'Order Item Product Price' } }
		});
		expect(got[0].columns).toMatchObject({ segment: { kind: 'column', source: { column: 'Customer Segment' } } });
		// every suggestion is a valid mapping of the file
		for (const m of got) expect(validateMapping(m, { [shape.name]: shape.headers }), m.table).toEqual({});
	});

	it('a helpdesk export gives service contacts with a value map for its channels, and its customers', () => {
		const shape = shapeOf('helpdesk-tickets', 'customer_support_tickets.csv', 12);
		const got = suggestTables(shape);
		expect(got.map((m) => m.table)).toEqual(['customers', 'contacts']);
		const contacts = got[1].columns;
		expect(contacts.team).toEqual({ kind: 'constant', value: 'service' });
		expect(contacts.contact_at).toEqual({ kind: 'column', source: { column: 'First Response Time' } });
		expect(contacts.customer_id).toEqual({ kind: 'column', source: { column: 'Customer Email' } });
		expect(contacts.channel).toEqual({ kind: 'map', source: { column: 'Ticket Channel' }, values: { Email: 'email', Chat: 'chat', Phone: 'phone', 'Social media': 'other' } });
		for (const m of got) expect(validateMapping(m, { [shape.name]: shape.headers }), m.table).toEqual({});
	});

	it('generates line numbers for an order-details export that has none', () => {
		const shape: FileShape = { name: 'details.csv', headers: ['Order Number', 'Customer', 'Item Code', 'Order Date', 'Quantity', 'Unit Price'], rows: [['A1', 'C1', 'X', '2024-01-02', '3', '9.5']], signature: '' };
		const [m] = suggestTables(shape);
		expect(m.table).toBe('order_lines');
		expect(m.columns.line_no).toEqual({ kind: 'lineNumber' });
	});

	it('offers nothing for a file whose names it does not know, and one header serves one column', () => {
		expect(suggestTables({ name: 'kunden.csv', headers: ['Kunde Nr', 'Firma', 'Gebiet'], rows: [], signature: '' })).toEqual([]);
		expect(matchTable('inventory_snapshots', { name: 'x', headers: ['Date', 'Stock'], rows: [['2024-01-02', '4']], signature: '' }).columns).toEqual({
			snapshot_date: { kind: 'column', source: { column: 'Date' } },
			on_hand_qty: { kind: 'column', source: { column: 'Stock' } }
		});
		// a header that names a date column but holds no dates is not taken
		expect(matchTable('inventory_snapshots', { name: 'x', headers: ['Date'], rows: [['tomorrow']], signature: '' }).columns).toEqual({});
	});
});
