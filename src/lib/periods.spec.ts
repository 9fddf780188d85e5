import { describe, expect, it } from 'vitest';
import { calendarPresets, compareLabels, compareModeOf, compareParams, comparisonPeriod, sameLastYear } from './periods';

describe('calendar presets', () => {
	it.each<[string, string, Record<string, [string, string]>]>([
		[
			'2024-01-05',
			'2026-05-17',
			{
				this_month: ['2026-05-01', '2026-05-31'],
				last_month: ['2026-04-01', '2026-04-30'],
				this_quarter: ['2026-04-01', '2026-06-30'],
				last_quarter: ['2026-01-01', '2026-03-31'],
				this_year: ['2026-01-01', '2026-12-31'],
				last_year: ['2025-01-01', '2025-12-31']
			}
		],
		[
			// January: last month and last quarter fall in the previous year
			'2024-01-05',
			'2026-01-10',
			{
				this_month: ['2026-01-01', '2026-01-31'],
				last_month: ['2025-12-01', '2025-12-31'],
				this_quarter: ['2026-01-01', '2026-03-31'],
				last_quarter: ['2025-10-01', '2025-12-31'],
				this_year: ['2026-01-01', '2026-12-31'],
				last_year: ['2025-01-01', '2025-12-31']
			}
		],
		[
			// data from 2026-03-15 only: last month, last quarter and last year hold no orders and are left out
			'2026-03-15',
			'2026-03-31',
			{
				this_month: ['2026-03-01', '2026-03-31'],
				this_quarter: ['2026-01-01', '2026-03-31'],
				this_year: ['2026-01-01', '2026-12-31']
			}
		]
	])('from %s to %s', (first, last, expected) => {
		const got = Object.fromEntries(calendarPresets(first, last).map((p) => [p.key, [p.from, p.to]]));
		expect(got).toEqual(expected);
	});

	it('is empty for malformed dates', () => {
		expect(calendarPresets('x', '2026-01-01')).toEqual([]);
	});
});

describe('comparison periods', () => {
	it.each<[string, string, string, string]>([
		['2026-01-01', '2026-03-31', '2025-01-01', '2025-03-31'],
		['2024-02-01', '2024-02-29', '2023-02-01', '2023-02-28'],
		['2024-02-29', '2024-03-10', '2023-02-28', '2023-03-10'],
		['2025-11-01', '2026-10-31', '2024-11-01', '2025-10-31']
	])('same period last year of %s..%s is %s..%s', (from, to, lf, lt) => {
		expect(sameLastYear({ from, to })).toEqual({ from: lf, to: lt });
	});

	it('defaults to the previous period of equal length and says which mode a period is', () => {
		const p = { from: '2026-04-01', to: '2026-06-30' };
		expect(comparisonPeriod(p, { compare_from: null, compare_to: null })).toEqual({ from: '2025-12-31', to: '2026-03-31' });
		expect(comparisonPeriod(p, { compare_from: '2025-04-01', compare_to: '2025-06-30' })).toEqual({ from: '2025-04-01', to: '2025-06-30' });
		expect(compareModeOf(p, null)).toBe('previous');
		expect(compareModeOf(p, { from: '2025-12-31', to: '2026-03-31' })).toBe('previous');
		expect(compareModeOf(p, { from: '2025-04-01', to: '2025-06-30' })).toBe('year');
		expect(compareModeOf(p, { from: '2025-01-01', to: '2025-01-31' })).toBe('custom');
		expect(compareParams(p, 'previous')).toEqual({ compare_from: null, compare_to: null });
		expect(compareParams(p, 'year')).toEqual({ compare_from: '2025-04-01', compare_to: '2025-06-30' });
	});
});

describe('comparison labels', () => {
	const p = { from: '2026-04-01', to: '2026-06-30' };
	it.each<[{ from: string; to: string }, string, string]>([
		[{ from: '2025-12-31', to: '2026-03-31' }, 'previous period', 'the previous period of equal length'],
		[{ from: '2025-04-01', to: '2025-06-30' }, 'same period last year', 'the same period last year (1 Apr – 30 Jun 2025)'],
		[{ from: '2025-01-01', to: '2025-01-31' }, '1 Jan – 31 Jan 2025', '1 Jan – 31 Jan 2025']
	])('%j', (compare, short, phrase) => {
		expect(compareLabels(p, compare)).toEqual({ short, phrase });
	});
});
