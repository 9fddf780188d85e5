import { describe, expect, it } from 'vitest';
import { acceptedName, bytesLabel, chunkRanges, tableForName } from './files';

describe('upload file helpers', () => {
	it('names a table like the ingest does', () => {
		expect(tableForName('Order_Lines.CSV.gz')).toBe('order_lines');
		expect(tableForName('dir/contacts.xlsx')).toBe('contacts');
		expect(tableForName('SalesOrders.csv')).toBeNull();
	});
	it('accepts the design’s file types only', () => {
		expect(['a.csv', 'a.csv.gz', 'a.parquet', 'a.xlsx', 'a.TSV'].every(acceptedName)).toBe(true);
		expect(['a.json', 'a.gz', 'a.xls', 'a'].some(acceptedName)).toBe(false);
	});
	it('cuts a file into chunks', () => {
		expect(chunkRanges(0, 4)).toEqual([[0, 0]]);
		expect(chunkRanges(10, 4)).toEqual([[0, 4], [4, 8], [8, 10]]);
		expect(chunkRanges(8, 4)).toEqual([[0, 4], [4, 8]]);
	});
	it('labels sizes', () => {
		expect(bytesLabel(900)).toBe('900 B');
		expect(bytesLabel(1536)).toBe('1.5 kB');
		expect(bytesLabel(5 * 1024 * 1024)).toBe('5.0 MB');
	});
});
