import { describe, expect, it } from 'vitest';
import { datePresets, parseFilters, presetOf, withPeriod } from './filters';

const q = (s: string) => parseFilters(new URLSearchParams(s));

describe('parseFilters', () => {
	it('accepts the whitelisted names', () => {
		expect(q('from=2025-11-01&to=2026-10-31&segment=Key&region=West&category=Valves&supplier=Acme')).toEqual({
			ok: true,
			value: {
				filters: { from: '2025-11-01', to: '2026-10-31', segment: 'Key', region: 'West', category: 'Valves', supplier: 'Acme' },
				extra: {}
			}
		});
		expect(q('sales_rep=Nora%20Reyes&customer=C000001')).toEqual({
			ok: true,
			value: { filters: { sales_rep: 'Nora Reyes', customer: 'C000001' }, extra: {} }
		});
		expect(q('')).toEqual({ ok: true, value: { filters: {}, extra: {} } });
		expect(q('segment=&region=%20')).toEqual({ ok: true, value: { filters: {}, extra: {} } });
		expect(q('from=2025-01-01&to=2025-01-01').ok).toBe(true);
	});

	it.each([
		['from=2025-1-1', '"from" must be a date YYYY-MM-DD, got "2025-1-1"'],
		['to=yesterday', '"to" must be a date YYYY-MM-DD, got "yesterday"'],
		['from=2025-02-30', '"from" is not a real date: 2025-02-30'],
		['from=2025-11-02&to=2025-11-01', '"from" (2025-11-02) is after "to" (2025-11-01)'],
		['segmnt=Key', 'unknown parameter "segmnt"; allowed: from, to, segment, region, category, supplier, sales_rep, customer, sku'],
		['segment=a&segment=b', 'parameter "segment" is given more than once'],
		[`region=${'x'.repeat(201)}`, 'parameter "region" is longer than 200 characters']
	])('rejects %s', (s, error) => {
		expect(q(s)).toEqual({ ok: false, error });
	});

	it('rejects values that are not text and passes extra names through', () => {
		expect(parseFilters({ segment: 3 })).toEqual({ ok: false, error: 'parameter "segment" must be text' });
		expect(parseFilters(new URLSearchParams('scenario=Lean'), ['scenario'])).toEqual({ ok: true, value: { filters: {}, extra: { scenario: 'Lean' } } });
	});
});

describe('withPeriod', () => {
	it('fills a missing bound from the default period', () => {
		const d = { from: '2025-11-01', to: '2026-10-31' };
		expect(withPeriod({ segment: 'Key' }, d)).toEqual({ ok: true, value: { from: '2025-11-01', to: '2026-10-31', segment: 'Key' } });
		expect(withPeriod({ from: '2026-01-01' }, d)).toEqual({ ok: true, value: { from: '2026-01-01', to: '2026-10-31' } });
		expect(withPeriod({ from: '2027-01-01' }, d)).toEqual({ ok: false, error: '"from" (2027-01-01) is after "to" (2026-10-31)' });
	});
});

describe('date presets', () => {
	it('are relative to the data, clipped to the first order', () => {
		const p = datePresets('2024-11-01', '2026-10-30');
		expect(p.map((x) => [x.key, x.from, x.to])).toEqual([
			['3m', '2026-08-01', '2026-10-31'],
			['6m', '2026-05-01', '2026-10-31'],
			['12m', '2025-11-01', '2026-10-31'],
			['ytd', '2026-01-01', '2026-10-31'],
			['py', '2025-01-01', '2025-12-31'],
			['all', '2024-11-01', '2026-10-31']
		]);
		expect(p.find((x) => x.key === 'py')!.label).toBe('Year 2025');
		expect(presetOf(p, '2025-11-01', '2026-10-31')?.key).toBe('12m');
		expect(presetOf(p, '2025-11-02', '2026-10-31')).toBeNull();
	});
	it('clip short data and drop a previous year the data do not reach', () => {
		const p = datePresets('2026-06-15', '2026-10-30');
		expect(p.find((x) => x.key === '12m')).toMatchObject({ from: '2026-06-15', to: '2026-10-31' });
		expect(p.some((x) => x.key === 'py')).toBe(false);
		expect(datePresets('nope', '2026-10-30')).toEqual([]);
	});
});
