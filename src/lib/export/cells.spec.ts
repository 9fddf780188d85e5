import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, exportFilename, neutralise, xlsxCell } from './cells';

describe('neutralising', () => {
	it.each([
		['=SUM(A1:A2)', "'=SUM(A1:A2)"],
		['+1', "'+1"],
		['-2+3', "'-2+3"],
		['@cmd', "'@cmd"],
		['\tx', "'\tx"],
		['\rx', "'\rx"],
		['plain', 'plain'],
		['a=b', 'a=b'],
		['', '']
	])('%j → %j', (input, out) => {
		expect(neutralise(input)).toBe(out);
		expect(xlsxCell(input)).toBe(out);
	});

	it('leaves numbers, booleans and missing values alone', () => {
		expect(csvCell(-12.5)).toBe('-12.5');
		expect(xlsxCell(-12.5)).toBe(-12.5);
		expect(csvCell(NaN)).toBe('');
		expect(xlsxCell(Infinity)).toBeNull();
		expect(csvCell(true)).toBe('true');
		expect(csvCell(null)).toBe('');
		expect(xlsxCell(undefined)).toBeNull();
	});

	it('quotes per RFC 4180 after neutralising', () => {
		expect(csvCell('=1,2')).toBe(`"'=1,2"`);
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvLine(['a', 1, null, '@x'])).toBe("a,1,,'@x\r\n");
	});

	it('makes safe file names', () => {
		expect(exportFilename(['drivers', 'supplier', '2025-01-01', '2025-03-31'], 'csv')).toBe('drivers-supplier-2025-01-01-2025-03-31.csv');
		expect(exportFilename(['x/../y', 'a b'], 'xlsx')).toBe('x_.._y-a_b.xlsx');
	});
});
