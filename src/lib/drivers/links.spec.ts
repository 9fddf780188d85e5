import { describe, expect, it } from 'vitest';
import { apiQuery, cellPicks, drillPageQuery, drillQuery, driversLink } from './links';

describe('drivers links', () => {
	it('carries the global filters, drops the view keys, adds picks and extras', () => {
		const search = new URLSearchParams('from=2026-01-01&segment=Key&dim=sku&hx=month&pick=supplier:Old');
		expect(apiQuery(search, [{ dim: 'supplier', value: 'Acme' }], { dim: 'category' })).toBe('from=2026-01-01&segment=Key&pick=supplier%3AAcme&dim=category');
		expect(apiQuery(new URLSearchParams(''), [])).toBe('');
	});

	it('links to /drivers with a dimension and picks after the filters', () => {
		expect(driversLink('?segment=Key', 'supplier', [{ dim: 'supplier', value: 'A&B' }])).toBe('/drivers?segment=Key&dim=supplier&pick=supplier%3AA%26B');
		expect(driversLink('', 'supplier')).toBe('/drivers?dim=supplier');
	});

	it('picks a heat-map cell, replacing picks on its dimensions, and clears it on a second click', () => {
		const start = [{ dim: 'segment' as const, value: 'Key' }, { dim: 'month' as const, value: '2026-01' }];
		const one = cellPicks(start, 'category', 'month', 'Pumps', '2026-03');
		expect(one).toEqual([{ dim: 'category', value: 'Pumps' }, { dim: 'segment', value: 'Key' }, { dim: 'month', value: '2026-03' }]);
		expect(cellPicks(one, 'category', 'month', 'Pumps', '2026-03')).toEqual([{ dim: 'segment', value: 'Key' }]);
	});

	it('builds the drill-down query and its pages', () => {
		const p = drillQuery('segment=Key&pick=supplier%3AAcme', 'lines', 'supplier:Acme', '');
		expect(p.toString()).toBe('segment=Key&pick=supplier%3AAcme&kind=lines&m=supplier%3AAcme');
		expect(drillQuery('', 'deals', null, 'late').toString()).toBe('kind=deals&q=late');
		expect(drillPageQuery(p, 50, 100)).toBe('segment=Key&pick=supplier%3AAcme&kind=lines&m=supplier%3AAcme&limit=50&offset=100');
	});
});
