import { describe, expect, it } from 'vitest';
import { change, previousPeriod } from './compare';

describe('previousPeriod', () => {
	it.each([
		[{ from: '2025-11-01', to: '2026-10-31' }, { from: '2024-11-01', to: '2025-10-31' }],
		[{ from: '2026-03-01', to: '2026-03-31' }, { from: '2026-01-29', to: '2026-02-28' }],
		[{ from: '2026-01-10', to: '2026-01-10' }, { from: '2026-01-09', to: '2026-01-09' }]
	])('%j → %j', (p, expected) => expect(previousPeriod(p)).toEqual(expected));
});

describe('change', () => {
	it.each([
		[120, 100, 0.2],
		[80, 100, -0.2],
		[-50, -100, 0.5],
		[10, 0, null],
		[null, 5, null]
	])('%s vs %s → %s', (c, p, expected) => {
		const v = change(c, p);
		if (expected === null) expect(v).toBeNull();
		else expect(v).toBeCloseTo(expected, 12);
	});
});
