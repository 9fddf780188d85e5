import { describe, expect, it } from 'vitest';
import { hitLabel, noSuchCustomer, readSearch } from './search';

const read = (q: string) => readSearch(new URLSearchParams(q));

describe('readSearch', () => {
	it('trims and lower-cases q, defaults and bounds the limit', () => {
		expect(read('q=%20Acme%20Co%20')).toEqual({ ok: true, q: 'acme co', limit: 10 });
		expect(read('q=c1&limit=50')).toEqual({ ok: true, q: 'c1', limit: 50 });
	});

	it('refuses a missing q, a bad limit and unknown parameters with a message', () => {
		expect(read('q=')).toEqual({ ok: false, error: 'q is required: an id or part of a name' });
		for (const l of ['0', '51', '-1', '2.5', 'ten']) expect(read(`q=a&limit=${l}`)).toEqual({ ok: false, error: 'limit must be a whole number from 1 to 50' });
		expect(read('q=a&sort=name')).toEqual({ ok: false, error: 'unknown parameter "sort"' });
		expect(read(`q=${'x'.repeat(201)}`)).toEqual({ ok: false, error: 'q is longer than 200 characters' });
	});
});

describe('labels', () => {
	it('names the customer and its id', () => {
		expect(hitLabel({ customer_id: 'C1', name: 'Acme' })).toBe('Acme (C1)');
		expect(hitLabel({ customer_id: 'C1', name: null })).toBe('C1');
		expect(noSuchCustomer('Acme')).toBe('No such customer: Acme');
	});
});
