import { describe, expect, it } from 'vitest';
import { parsePercents, sameComponents, saveErrorMessage, saveRequest, sumRate, toPercents } from './carrying';

const defaults = { capital: 0.1, storage: 0.05, obsolescence: 0.06, shrinkage: 0.02, insurance: 0.02 };

describe('carrying-rate builder', () => {
	it('reads percentages and sums them into the rate', () => {
		const r = parsePercents({ capital: '12', storage: '5', obsolescence: ' 6 ', shrinkage: 2.5, insurance: '0' });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.components).toEqual({ capital: 0.12, storage: 0.05, obsolescence: 0.06, shrinkage: 0.025, insurance: 0 });
		expect(sumRate(r.components)).toBe(0.255);
		expect(sumRate(defaults)).toBe(0.25);
		expect(toPercents(defaults)).toEqual({ capital: '10', storage: '5', obsolescence: '6', shrinkage: '2', insurance: '2' });
		expect(sameComponents(defaults, { ...defaults })).toBe(true);
		expect(sameComponents(defaults, { ...defaults, storage: 0.06 })).toBe(false);
	});

	it('refuses what is not a percentage', () => {
		const r = parsePercents({ capital: null, storage: '-1', obsolescence: 'abc', shrinkage: '101', insurance: '1' });
		expect(r).toEqual({
			ok: false,
			errors: { capital: 'enter a percentage', storage: 'must not be negative', obsolescence: 'enter a percentage', shrinkage: 'must be at most 100%' }
		});
	});

	it('saves to the active scenario or as a new, active one, with the token when given', () => {
		const a = saveRequest(defaults, { kind: 'active' }, null);
		expect(a.url).toBe('/api/assumptions');
		expect(a.init.method).toBe('PUT');
		expect(JSON.parse(a.init.body as string)).toEqual({ values: { carrying_components: defaults } });
		expect((a.init.headers as Record<string, string>).authorization).toBeUndefined();
		const n = saveRequest(defaults, { kind: 'new', name: ' Lean 2026 ' }, ' s3cret ');
		expect(n.url).toBe('/api/assumptions/scenarios');
		expect(n.init.method).toBe('POST');
		expect(JSON.parse(n.init.body as string)).toEqual({ name: 'Lean 2026', values: { carrying_components: defaults } });
		expect((n.init.headers as Record<string, string>).authorization).toBe('Bearer s3cret');
	});

	it("shows the API's message plainly", () => {
		expect(saveErrorMessage(401, { error: 'this server requires a token for changes' })).toBe('Not saved: this server requires a token for changes');
		expect(saveErrorMessage(409, { error: 'a scenario named "x" exists' })).toBe('Not saved (409): a scenario named "x" exists');
		expect(saveErrorMessage(400, { error: 'invalid assumptions', fields: { 'carrying_components.capital': 'must be at most 1' } })).toBe(
			'Not saved (400): invalid assumptions (carrying_components.capital must be at most 1)'
		);
		expect(saveErrorMessage(500, 'oops')).toBe('Not saved (500): the server answered 500');
	});
});
