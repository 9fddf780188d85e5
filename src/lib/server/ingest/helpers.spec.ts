import { describe, expect, it } from 'vitest';
import { matchColumns } from './columns';
import { tableForFileName } from './discover';
import { delimiterOf, headerLine } from './inspect';
import { quoteIdent, sqlString } from './sql-text';
import { memoryDb, rows } from './test-helpers';
import { cellText } from './xlsx';

describe('SQL text helpers', () => {
	it('quote strings and identifiers so DuckDB reads back exactly the input', async () => {
		const db = await memoryDb();
		const nasty = `it's "x"; DROP TABLE customers; --\n\\`;
		const r = await rows(db, `SELECT ${sqlString(nasty)} AS ${quoteIdent(nasty)}`);
		expect(r).toEqual([{ [nasty]: nasty }]);
		expect(() => sqlString('a\0b')).toThrow('NUL');
		expect(() => quoteIdent('a\0b')).toThrow('NUL');
	});
});

describe('file inspection', () => {
	it('takes the delimiter from the header line, ignoring quoted text', () => {
		expect(delimiterOf('a;b;c')).toBe(';');
		expect(delimiterOf('a\tb\tc')).toBe('\t');
		expect(delimiterOf('"x,y,z"|b|c')).toBe('|');
		expect(delimiterOf('customer_id')).toBe(',');
		expect(headerLine('"a\nb",c\r\n1,2')).toBe('"a\nb",c');
	});

	it('maps file names to tables case-insensitively', () => {
		expect(tableForFileName('Order_Lines.CSV.gz')).toBe('order_lines');
		expect(tableForFileName('/x/contacts.xlsx')).toBe('contacts');
		expect(tableForFileName('orders.csv')).toBe(null);
		expect(tableForFileName('customers.json')).toBe(null);
	});

	it('turns every exceljs cell shape into text', () => {
		expect(cellText(new Date(Date.UTC(2024, 0, 31)))).toBe('2024-01-31');
		expect(cellText(new Date(Date.UTC(2024, 0, 31, 9, 5, 7)))).toBe('2024-01-31 09:05:07');
		expect(cellText({ richText: [{ text: 'a' }, { text: 'b' }] })).toBe('ab');
		expect(cellText({ formula: 'A1*2', result: 4 })).toBe('4');
		expect(cellText({ text: 'link', hyperlink: 'http://x' })).toBe('link');
		expect(cellText(true)).toBe('true');
		expect(cellText(null)).toBe('');
	});
});

describe('header matching', () => {
	it('matches case- and punctuation-insensitively, first header wins, and lists the rest', () => {
		const m = matchColumns('products', ['SKU', 'Unit-Cost', 'unit cost', 'Colour']);
		expect(m).toEqual({
			mapped: { sku: 'SKU', unit_cost: 'Unit-Cost' },
			missingRequired: [],
			missingOptional: ['description', 'category', 'supplier', 'lead_time_days'],
			ignored: ['unit cost', 'Colour'],
			problems: []
		});
	});

	it('lets an explicit mapping take a header that would otherwise match another column', () => {
		const m = matchColumns('products', ['sku', 'cost', 'unit_cost'], { unit_cost: 'cost' });
		expect(m.mapped).toEqual({ unit_cost: 'cost', sku: 'sku' });
		expect(m.ignored).toEqual(['unit_cost']);
	});
});
