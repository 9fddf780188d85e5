import { describe, expect, it } from 'vitest';
import { defaultFilters, filterQuery, readFilters, writeFilters, type FilterState } from './url-state';

const defaults = { from: '2025-11-01', to: '2026-10-31' };
const base: FilterState = { ...defaults, segment: null, region: null, category: null, supplier: null, sales_rep: null, customer: null, sku: null };

describe('url state', () => {
	it('writes nothing for the default view', () => {
		expect(writeFilters(base, defaults).toString()).toBe('');
		expect(filterQuery(base, defaults)).toBe('');
	});

	it.each<[Partial<FilterState>, string]>([
		[{ segment: 'Strategic' }, 'segment=Strategic'],
		[{ from: '2026-01-01' }, 'from=2026-01-01'],
		[{ from: '2026-01-01', to: '2026-03-31', supplier: 'Acme & Sons' }, 'from=2026-01-01&to=2026-03-31&supplier=Acme+%26+Sons'],
		[{ region: 'North', category: 'Fasteners' }, 'region=North&category=Fasteners'],
		[{ sales_rep: 'Nora Reyes', customer: 'C000001' }, 'sales_rep=Nora+Reyes&customer=C000001'],
		[{ from: '2026-08-01', segment: 'Key', region: 'West', category: 'Valves', supplier: 'Acme', sales_rep: 'Sam', customer: 'C9' }, 'from=2026-08-01&segment=Key&region=West&category=Valves&supplier=Acme&sales_rep=Sam&customer=C9']
	])('round-trips %j as %s', (change, query) => {
		const state = { ...base, ...change };
		const written = writeFilters(state, defaults);
		expect(written.toString()).toBe(query);
		expect(readFilters(new URLSearchParams(query), defaults)).toEqual(state);
	});

	it.each([
		['from=2026-02-30', base],
		['from=yesterday&to=2026-13-01', base],
		['from=2026-12-01&to=2026-01-01', base],
		[`segment=${'x'.repeat(201)}`, base],
		['segment=', base]
	])('drops invalid state from %s', (query, expected) => {
		expect(readFilters(new URLSearchParams(query), defaults)).toEqual(expected);
	});

	it('resets to the defaults', () => {
		expect(defaultFilters(defaults)).toEqual(base);
	});

	it('keeps unrelated parameters when writing', () => {
		const out = writeFilters({ ...base, segment: 'Key' }, defaults, new URLSearchParams('dim=sku&segment=Core'));
		expect(out.toString()).toBe('dim=sku&segment=Key');
	});
});
