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
		['\uFF1DSUM(A1)', "'\uFF1DSUM(A1)"],
		['\uFF0B1', "'\uFF0B1"],
		['\uFF0D1', "'\uFF0D1"],
		['\uFF20cmd', "'\uFF20cmd"],
		['\u200B=1+1', "'\u200B=1+1"],
		['\uFEFF=1', "'\uFEFF=1"],
		['\u200D\u2060@x', "'\u200D\u2060@x"],
		[' =1', "' =1"],
		['\u00A0+1', "'\u00A0+1"],
		['\u3000＝1', "'\u3000＝1"],
		['\uFE66SUM(A1)', "'\uFE66SUM(A1)"],
		['\uFE62\uFE63\uFE6B', "'\uFE62\uFE63\uFE6B"],
		['\u22121', "'\u22121"],
		['\u0001=1', "'\u0001=1"],
		['plain', 'plain'],
		['a\u200B=b', 'a\u200B=b'],
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
		// a semicolon splits cells where it is the list separator: quoted, so ;=1 stays inside the cell
		expect(csvCell('x;=HYPERLINK("http://evil.example")')).toBe('"x;=HYPERLINK(""http://evil.example"")"');
		expect(csvCell('a;b')).toBe('"a;b"');
		// a tab splits cells for an importer that reads the file as tab-separated
		expect(csvCell("1\t=cmd|' /C calc'!A0")).toBe(`"1\t=cmd|' /C calc'!A0"`);
	});

	it('makes safe file names', () => {
		expect(exportFilename(['drivers', 'supplier', '2025-01-01', '2025-03-31'], 'csv')).toBe('drivers-supplier-2025-01-01-2025-03-31.csv');
		expect(exportFilename(['x/../y', 'a b'], 'xlsx')).toBe('x_.._y-a_b.xlsx');
	});
});

describe('xlsxDate', () => {
	it('turns ISO dates and timestamps into UTC dates, and leaves anything else a neutralised cell', async () => {
		const { xlsxDate } = await import('./cells');
		expect(xlsxDate('2026-03-05')).toEqual(new Date(Date.UTC(2026, 2, 5)));
		expect(xlsxDate('2026-03-05 14:30:00')).toEqual(new Date(Date.UTC(2026, 2, 5, 14, 30)));
		expect(xlsxDate('2026-02-30')).toBe('2026-02-30');
		expect(xlsxDate('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
		expect(xlsxDate(null)).toBeNull();
	});
});
