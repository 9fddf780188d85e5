import { describe, expect, it } from 'vitest';
import { daysInPeriod, defaultPeriod, isIsoDate, parseIsoDate } from './period';

describe('period', () => {
	it('accepts real ISO dates only', () => {
		expect(isIsoDate('2025-11-01')).toBe(true);
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2025-02-29')).toBe(false);
		expect(isIsoDate('2025-13-01')).toBe(false);
		expect(isIsoDate('2025-04-31')).toBe(false);
		expect(isIsoDate('2025-1-1')).toBe(false);
		expect(isIsoDate('20250101')).toBe(false);
		expect(isIsoDate('0000-01-01')).toBe(false);
		expect(parseIsoDate('2025-11-01')?.getDate()).toBe(1);
		// years below 100 are years, not 1900 + n (an ISO typo in an order date made every page a 500)
		expect(parseIsoDate('0014-01-19')?.getFullYear()).toBe(14);
		expect(isIsoDate('0099-02-29')).toBe(false);
		expect(defaultPeriod('0014-01-19', '2015-08-24')).toEqual({ from: '2014-09-01', to: '2015-08-31' });
		expect(defaultPeriod('0006-04-19', '0015-08-24')).toEqual({ from: '0014-09-01', to: '0015-08-31' });
	});

	it('counts days inclusively', () => {
		expect(daysInPeriod({ from: '2025-11-01', to: '2026-10-31' })).toBe(365);
		expect(daysInPeriod({ from: '2024-01-01', to: '2024-12-31' })).toBe(366);
		expect(daysInPeriod({ from: '2025-03-01', to: '2025-03-01' })).toBe(1);
		expect(daysInPeriod({ from: '2025-03-29', to: '2025-04-02' })).toBe(5);
	});

	it('defaults to the 12 full months ending with the last order month', () => {
		expect(defaultPeriod('2024-11-01', '2026-10-31')).toEqual({ from: '2025-11-01', to: '2026-10-31' });
		expect(defaultPeriod('2024-11-01', '2026-10-05')).toEqual({ from: '2025-11-01', to: '2026-10-31' });
		expect(defaultPeriod('2023-01-15', '2024-02-10')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
	});

	it('takes the whole range when the data span less than 12 months', () => {
		expect(defaultPeriod('2026-03-17', '2026-10-31')).toEqual({ from: '2026-03-17', to: '2026-10-31' });
		expect(defaultPeriod('2026-10-02', '2026-10-03')).toEqual({ from: '2026-10-02', to: '2026-10-31' });
	});
});
