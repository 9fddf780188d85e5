import { describe, expect, it } from 'vitest';
import { describeDetection, detectDateFamily, latestPlausibleDate, pivotYear } from './date-formats';

describe('detectDateFamily: the values decide, a declaration wins', () => {
	it.each([
		// [values, family, ambiguous]
		[['2024-03-31', '2024-04-01 10:15', '2024-04-02T08:00:00Z'], 'iso', false],
		[['20240331', '20240401'], 'ymd8', false],
		[['8/27/14', '4/1/2016 21:05', '12/31/99 11:59 PM'], 'mdy', false], // 27 and 31 can only be days
		[['27/08/14', '01.04.2016', '31-12-1999'], 'dmy', false],
		[['2-Jun-06', '02 JUN 2006', 'Jun 2, 2006', 'June 2 2006'], 'mon', false],
		[['01/02/2024', '03/04/2024'], 'mdy', true], // no day above 12: read month first, and say so
		[['45292', '45293.5', '38870'], 'excel', false],
		[['2024-01-01', '2024-01-02', '24-01-03'], 'iso', false], // the majority decides; "24-01-03" is rejected
		[['', '  '], 'iso', false]
	])('%j → %s', (values, family, ambiguous) => {
		const d = detectDateFamily(values);
		expect(d.family).toBe(family);
		expect(d.ambiguous).toBe(ambiguous);
		expect(d.declared).toBe(false);
	});

	it('counts what it reads and what it cannot', () => {
		const d = detectDateFamily(['8/27/14', '9/30/14', 'soon', '2014-10-01', 'n/a']);
		expect(d).toMatchObject({ family: 'mdy', looked: 5, read: 3, example: '8/27/14' });
		expect(describeDetection('order_date', d)).toBe(
			'order_date: dates read as month first (8/27/14), detected from 5 values; 2 of them fit no date format and will be rejected'
		);
	});

	it('a declared format is used as it is, and the label says so', () => {
		const d = detectDateFamily(['01/02/2024'], 'dmy');
		expect(d).toMatchObject({ family: 'dmy', declared: true, ambiguous: false });
		expect(describeDetection('closed_date', d)).toBe('closed_date: dates read as day first (01/02/2024), as declared');
		expect(describeDetection('x', detectDateFamily(['01/02/2024']))).toMatch(/declare day first if that is how they are written$/);
	});

	it('a number that is not a plausible serial, or a mix with text, is not taken for Excel dates', () => {
		expect(detectDateFamily(['45292', 'tomorrow']).family).not.toBe('excel');
		expect(detectDateFamily(['123456789']).family).not.toBe('excel');
	});
});

describe('years', () => {
	it.each([
		[0, 2000],
		[14, 2014],
		[49, 2049],
		[50, 1950],
		[99, 1999]
	])('two-digit %i → %i (pivot 1950–2049)', (yy, year) => expect(pivotYear(yy)).toBe(year));

	it('a plausible date is at most five years ahead', () => {
		expect(latestPlausibleDate(new Date('2026-12-04T10:00:00Z'))).toBe('2031-12-04');
		expect(latestPlausibleDate(new Date('2024-02-29T00:00:00Z'))).toBe('2029-03-01');
	});
});
