import { describe, expect, it } from 'vitest';
import { pageCount, pageParam, readCustomerParams, withParams } from './params';

describe('customer page parameters', () => {
	it('reads pages, sort and voice filters against whitelists', () => {
		const p = readCustomerParams(new URLSearchParams('dp=3&rp=2&rsort=value&vp=4&vteam=sales&vchannel=visit&vq=%20ETA%20'));
		expect(p).toEqual({ dealsPage: 3, riskPage: 2, riskSort: 'value', voicePage: 4, team: 'sales', channel: 'visit', q: 'ETA' });
	});
	it('falls back to defaults on anything else', () => {
		const p = readCustomerParams(new URLSearchParams('dp=-1&rp=1e9&rsort=x&vp=abc&vteam=finance&vchannel=fax&vq=' + 'x'.repeat(300)));
		expect(p).toMatchObject({ dealsPage: 1, riskPage: 1, riskSort: 'score', voicePage: 1, team: null, channel: null });
		expect(p.q).toHaveLength(100);
		expect(pageParam('0')).toBe(1);
		expect(pageParam('7')).toBe(7);
	});
	it('counts pages and rewrites the URL, dropping page 1 and empties', () => {
		expect(pageCount(0, 25)).toBe(1);
		expect(pageCount(51, 25)).toBe(3);
		expect(withParams('segment=Key&dp=3', { dp: 1 })).toBe('?segment=Key');
		expect(withParams('segment=Key', { rp: 2, vq: '' })).toBe('?segment=Key&rp=2');
		expect(withParams('', { vteam: null })).toBe('');
	});
});
