import { describe, expect, it } from 'vitest';
import { apiQuery, cellPicks, drillPageQuery, drillQuery, driversLink, readCost, waterfallLink } from './links';

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

	it('sends a waterfall bar to /drivers with its component picked (savings to /capital)', () => {
		expect(waterfallLink('?segment=Key', 'service')).toBe('/drivers?segment=Key&dim=channel&cost=service_cost');
		expect(waterfallLink('', 'wallet')).toBe('/drivers?dim=customer&cost=wallet_lost_margin');
		expect(waterfallLink('', 'cancelled')).toBe('/drivers?dim=sku&cost=cancelled_margin');
		expect(waterfallLink('?from=2026-01-01', 'total')).toBe('/drivers?from=2026-01-01&dim=supplier');
		expect(waterfallLink('?segment=Key', 'savings')).toBe('/capital?segment=Key');
		expect(waterfallLink('', 'no-such-bar')).toBeNull();
	});

	it('reads the focused component from the URL and keeps it out of API calls', () => {
		expect(readCost(new URLSearchParams('cost=deals_expected_lost_margin'))).toBe('deals_expected_lost_margin');
		expect(readCost(new URLSearchParams('cost=total;drop'))).toBeNull();
		expect(readCost(new URLSearchParams(''))).toBeNull();
		expect(apiQuery(new URLSearchParams('segment=Key&cost=service_cost'), [])).toBe('segment=Key');
	});
});
