import { describe, expect, it } from 'vitest';
import {
	figure,
	figureDelta,
	compact,
	compactCurrency,
	currency,
	currencyExact,
	dateLong,
	dateRange,
	days,
	integer,
	monthLabel,
	monthShort,
	percent,
	ratio,
	signedPercent
} from './format';

type Row<T> = [T, string];
const table = <T>(name: string, fn: (v: T) => string, rows: Row<T>[]) =>
	describe(name, () => {
		it.each(rows)('%j → %s', (input, expected) => expect(fn(input)).toBe(expected));
	});

table<number | null | undefined>('currency', (v) => currency(v), [
	[0, '$0'],
	[1234567.4, '$1,234,567'],
	[-4500, '-$4,500'],
	[8, '$8'],
	[7.5, '$7.50'],
	[-1e-12, '$0'],
	[0.004, '$0'],
	[0.006, '$0.01'],
	[null, '—'],
	[undefined, '—'],
	[Number.NaN, '—']
]);

table<number | null>('currencyExact', (v) => currencyExact(v), [
	[8, '$8.00'],
	[0.1, '$0.10'],
	[1234.567, '$1,234.57'],
	[null, '—']
]);

table<number | null>('currency EUR', (v) => currency(v, 'EUR'), [[1500, '€1,500']]);

table<number | null>('compact', compact, [
	[0, '0'],
	[999, '999'],
	[1000, '1k'],
	[1234, '1.23k'],
	[12_345_678, '12.3M'],
	[999_950, '1M'],
	[-2_500_000, '-2.5M'],
	[1.5e9, '1.5B'],
	[0.125, '0.125'],
	[null, '—']
]);

table<number | null>('compactCurrency', (v) => compactCurrency(v), [
	[1_234_567, '$1.23M'],
	[-340_000, '-$340k'],
	[87, '$87'],
	[null, '—']
]);

table<number | null>('percent', (v) => percent(v), [
	[0.0734, '7.3%'],
	[1, '100.0%'],
	[0, '0.0%'],
	[-0.15, '-15.0%'],
	[null, '—']
]);

table<number | null>('signedPercent', (v) => signedPercent(v), [
	[0.024, '+2.4%'],
	[-0.01, '−1.0%'],
	[0, '0.0%'],
	[0.00001, '0.0%'],
	[null, '—']
]);

table<number | null>('integer', integer, [
	[12345, '12,345'],
	[12345.6, '12,346'],
	[null, '—']
]);

table<number | null>('ratio', ratio, [
	[3.456, '$3.46'],
	[null, '—']
]);

table<number | null>('days', days, [
	[1, '1 day'],
	[12.34, '12.3 days'],
	[null, '—']
]);

// TZ is pinned to UTC in vite.config.ts; these must not shift a day in any zone because
// date-fns parseISO reads a bare date as a local calendar date.
table<string | null>('dateLong', dateLong, [
	['2025-11-01', '1 Nov 2025'],
	['2026-02-28', '28 Feb 2026'],
	[null, '—']
]);
table<string | null>('monthLabel', monthLabel, [['2026-01-01', 'Jan 2026']]);
table<string | null>('monthShort', monthShort, [['2026-01-01', "Jan '26"]]);

describe('dateRange', () => {
	it('collapses a shared year', () => expect(dateRange('2026-01-01', '2026-03-31')).toBe('1 Jan – 31 Mar 2026'));
	it('keeps both years when they differ', () =>
		expect(dateRange('2025-11-01', '2026-10-31')).toBe('1 Nov 2025 – 31 Oct 2026'));
});

describe('ledger figures by kind', () => {
	it.each<[Parameters<typeof figure>[0], number | null, string, string]>([
		['money', 12345, '$12.3k', '+$12.3k'],
		['money', -2500, '-$2.5k', '−$2.5k'],
		['share', 0.9234, '92.3%', '+92.3 pts'],
		['share', -0.012, '-1.2%', '−1.2 pts'],
		['count', 1234, '1,234', '+1,234'],
		['count', 12.5, '12.5', '+12.5'],
		['ratio', 3.5, '$3.50', '+$3.50'],
		['days', 4, '4 days', '+4 days'],
		['money', null, '—', '—']
	])('%s %s → %s, as a difference %s', (kind, v, shown, delta) => {
		expect(figure(kind, v)).toBe(shown);
		expect(figureDelta(kind, v)).toBe(delta);
	});
	it('shows no difference as 0', () => {
		expect(figureDelta('money', 0)).toBe('0');
	});
});
