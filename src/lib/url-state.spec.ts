import { describe, expect, it } from 'vitest';
import { defaultFilters, filterQuery, metricFilters, readCompare, readFilters, writeCompare, writeFilters, type CompareState, type FilterState } from './url-state';

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

	it.each<[Partial<FilterState>, string]>([
		[{ scenario: 'CFO 18pct' }, 'scenario=CFO+18pct'],
		[{ segment: 'Key', scenario: 'Lean (Q3)' }, 'segment=Key&scenario=Lean+%28Q3%29']
	])('round-trips the scenario %j as %s and carries it into links', (change, query) => {
		const state = { ...base, ...change };
		expect(writeFilters(state, defaults).toString()).toBe(query);
		expect(readFilters(new URLSearchParams(query), defaults)).toEqual(state);
		expect(filterQuery(state, defaults)).toBe(`?${query}`);
		// the scenario is not a metric filter: queries never see it
		expect(metricFilters(state)).not.toHaveProperty('scenario');
	});

	it.each(['scenario=', 'scenario=%20lead', `scenario=${'x'.repeat(61)}`, 'scenario=a%3Cb'])('drops the malformed scenario in %s', (query) => {
		expect(readFilters(new URLSearchParams(query), defaults)).toEqual(base);
	});

	it('a filter change keeps the scenario and the comparison of the URL', () => {
		const out = writeFilters({ ...base, segment: 'Key', scenario: 'Lean' }, defaults, new URLSearchParams('scenario=Lean&compare_from=2025-01-01&compare_to=2025-03-31'));
		expect(out.toString()).toBe('compare_from=2025-01-01&compare_to=2025-03-31&segment=Key&scenario=Lean');
	});
});

describe('comparison state', () => {
	const none: CompareState = { compare_from: null, compare_to: null, vs: null };
	it.each<[string, CompareState]>([
		['', none],
		['compare_from=2025-01-01&compare_to=2025-03-31', { compare_from: '2025-01-01', compare_to: '2025-03-31', vs: null }],
		['vs=CFO+18pct', { ...none, vs: 'CFO 18pct' }],
		['compare_from=2025-01-01&compare_to=2025-03-31&vs=Lean', { compare_from: '2025-01-01', compare_to: '2025-03-31', vs: 'Lean' }]
	])('round-trips %s', (query, state) => {
		expect(readCompare(new URLSearchParams(query))).toEqual(state);
		expect(writeCompare(state).toString()).toBe(query);
	});

	it.each([
		'compare_from=2025-01-01', // one bound alone
		'compare_from=2025-04-01&compare_to=2025-03-31', // reversed
		'compare_from=2025-02-30&compare_to=2025-03-31', // not a date
		'vs=%3Cscript%3E'
	])('drops invalid comparison %s', (query) => {
		expect(readCompare(new URLSearchParams(query))).toEqual(none);
	});

	it('replaces an earlier comparison and keeps the rest of the query', () => {
		const out = writeCompare({ compare_from: null, compare_to: null, vs: null }, new URLSearchParams('segment=Key&compare_from=2025-01-01&compare_to=2025-03-31'));
		expect(out.toString()).toBe('segment=Key');
	});
});
