import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '$lib/metrics/assumptions';
import { apiRequest, draftEdit, draftKeywords, isPercentPath, percentText, toDraft } from './assumptions-client';

describe('assumptions form drafts', () => {
	it('an untouched draft is no edit', () => {
		const r = draftEdit(toDraft(DEFAULT_ASSUMPTIONS), DEFAULT_ASSUMPTIONS);
		expect(r).toEqual({ edit: {}, errors: {}, changed: [] });
	});

	it('sends only what changed, in the API shape', () => {
		const d = toDraft(DEFAULT_ASSUMPTIONS);
		d['channel_cost.phone'] = ' 16 ';
		d.escalation_cost = '30';
		d.keywords = 'Backorder\nETA, late';
		d.currency = 'eur';
		const r = draftEdit(d, DEFAULT_ASSUMPTIONS);
		expect(r.errors).toEqual({});
		expect(r.edit).toEqual({ channel_cost: { phone: 16 }, escalation_cost: 30, keywords: ['backorder', 'eta', 'late'], currency: 'EUR' });
		expect(r.changed).toEqual(['channel_cost.phone', 'escalation_cost', 'keywords', 'currency']);
	});

	it('reports errors by path with the shared validation', () => {
		const d = toDraft(DEFAULT_ASSUMPTIONS);
		d['channel_cost.email'] = '-1';
		d.fallback_win_rate = '150';
		d.wallet_window_months = '';
		d.baseline_days = 'abc';
		d.keywords = '  \n ';
		const r = draftEdit(d, DEFAULT_ASSUMPTIONS);
		expect(r.errors).toEqual({
			'channel_cost.email': 'must not be negative',
			fallback_win_rate: 'must be at most 100%',
			wallet_window_months: 'must be a number',
			baseline_days: 'must be a number',
			keywords: 'must have at least one entry'
		});
	});

	it('shows rates in percent and stores them as fractions, round trip', () => {
		const d = toDraft(DEFAULT_ASSUMPTIONS);
		// the builder's defaults: capital 10%, obsolescence 6%, fallback margin 30%
		expect(d['carrying_components.capital']).toBe('10');
		expect(d['carrying_components.obsolescence']).toBe('6');
		expect(d.fallback_gross_margin).toBe('30');
		expect(isPercentPath('carrying_components.capital')).toBe(true);
		expect(isPercentPath('escalation_cost')).toBe(false);
		d['carrying_components.capital'] = '12.5';
		d.fallback_win_rate = '35 %';
		const r = draftEdit(d, DEFAULT_ASSUMPTIONS);
		expect(r.errors).toEqual({});
		expect(r.edit).toEqual({ carrying_components: { capital: 0.125 }, fallback_win_rate: 0.35 });
		// saved and shown again, the form reads what was typed
		const saved = { ...DEFAULT_ASSUMPTIONS, carrying_components: { ...DEFAULT_ASSUMPTIONS.carrying_components, capital: 0.125 }, fallback_win_rate: 0.35 };
		const again = toDraft(saved);
		expect(again['carrying_components.capital']).toBe('12.5');
		expect(again.fallback_win_rate).toBe('35');
		expect(draftEdit(again, saved).edit).toEqual({});
		expect(percentText(0.07)).toBe('7');
		expect(percentText(0.0123)).toBe('1.23');
	});

	it('keyword lists are normalised like the store does', () => {
		expect(draftKeywords(' Out  of stock \n\nout of stock\r\nETA')).toEqual(['out of stock', 'eta']);
	});
});

describe('apiRequest', () => {
	it('returns the body or the message and per-field errors; never throws', async () => {
		const ok = (async () => new Response(JSON.stringify({ a: 1 }), { status: 200 })) as unknown as typeof fetch;
		expect(await apiRequest('GET', '/x', undefined, ok)).toEqual({ ok: true, status: 200, body: { a: 1 } });
		const bad = (async () => new Response(JSON.stringify({ error: 'invalid assumptions', fields: { x: 'must be a number' } }), { status: 400 })) as unknown as typeof fetch;
		expect(await apiRequest('PUT', '/x', {}, bad)).toEqual({ ok: false, status: 400, error: 'invalid assumptions', fields: { x: 'must be a number' } });
		const down = (async () => {
			throw new TypeError('fetch failed');
		}) as unknown as typeof fetch;
		expect(await apiRequest('GET', '/x', undefined, down)).toMatchObject({ ok: false, status: 0, error: expect.stringContaining('fetch failed') });
	});
});
