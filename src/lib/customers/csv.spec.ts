import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, exportName } from './csv';

describe('csv', () => {
	it('neutralises cells that a spreadsheet would evaluate', () => {
		expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
		expect(csvCell('+1')).toBe("'+1");
		expect(csvCell('-2+3')).toBe("'-2+3");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\tx')).toBe("\"'\tx\""); // neutralised, and quoted: a tab separates cells where a file is read as tab-separated
	});
	it('quotes commas, quotes and line breaks; leaves numbers and empties plain', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell(-12.5)).toBe('-12.5');
		expect(csvCell(NaN)).toBe('');
		expect(csvCell(null)).toBe('');
		expect(csvCell(true)).toBe('true');
		expect(csvLine(['x', 1, null])).toBe('x,1,\r\n');
	});
	it('makes a safe file name', () => {
		expect(exportName('at-risk', '2025-01-01', '2025-12-31')).toBe('at-risk-2025-01-01-to-2025-12-31.csv');
	});
});
