import { describe, expect, it } from 'vitest';
import {
	ASSUMPTION_FIELDS,
	DEFAULT_ASSUMPTIONS,
	applyEdit,
	carryingRate,
	diffValues,
	resolveAssumptions,
	valuesFromStored
} from './assumptions';
import { DEFAULT_KEYWORDS } from './keywords';

describe('defaults (DESIGN §5)', () => {
	it('hold the design values', () => {
		expect(DEFAULT_ASSUMPTIONS.channel_cost).toEqual({ phone: 8, email: 6, chat: 4, portal: 0.1, visit: 60, other: 8 });
		expect(DEFAULT_ASSUMPTIONS.default_minutes).toEqual({ phone: 15, email: 10, chat: 10, portal: 5, visit: 90, other: 20 });
		expect(DEFAULT_ASSUMPTIONS.escalation_cost).toBe(25);
		expect(DEFAULT_ASSUMPTIONS.sales_loaded_rate).toBe(75);
		expect(DEFAULT_ASSUMPTIONS.margin_per_selling_hour).toBe(150);
		expect(DEFAULT_ASSUMPTIONS.wallet_window_months).toBe(6);
		expect(DEFAULT_ASSUMPTIONS.baseline_days).toBe(90);
		expect(DEFAULT_ASSUMPTIONS.currency).toBe('USD');
		expect(DEFAULT_ASSUMPTIONS.keywords).toEqual([...DEFAULT_KEYWORDS]);
		expect(DEFAULT_ASSUMPTIONS.keywords).toHaveLength(15);
	});

	it('build a carrying rate of 0.25', () => {
		expect(carryingRate(DEFAULT_ASSUMPTIONS)).toBe(0.25);
		expect(resolveAssumptions(DEFAULT_ASSUMPTIONS).carrying_rate).toBe(0.25);
	});

	it('describe every stored key exactly once', () => {
		expect(ASSUMPTION_FIELDS.map((f) => f.key).sort()).toEqual(Object.keys(DEFAULT_ASSUMPTIONS).sort());
	});

	it('pass their own validation', () => {
		expect(applyEdit(DEFAULT_ASSUMPTIONS, DEFAULT_ASSUMPTIONS)).toEqual({ ok: true, values: DEFAULT_ASSUMPTIONS });
	});
});

describe('applyEdit', () => {
	it('applies a partial edit without touching the base', () => {
		const r = applyEdit(DEFAULT_ASSUMPTIONS, { channel_cost: { phone: 16 }, baseline_days: 60 });
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.values.channel_cost).toEqual({ ...DEFAULT_ASSUMPTIONS.channel_cost, phone: 16 });
		expect(r.values.baseline_days).toBe(60);
		expect(DEFAULT_ASSUMPTIONS.channel_cost.phone).toBe(8);
	});

	it('reports every bad field by path', () => {
		const r = applyEdit(DEFAULT_ASSUMPTIONS, {
			channel_cost: { phone: -1, fax: 2, email: '6' },
			escalation_cost: Number.NaN,
			carrying_components: { capital: 1.5 },
			wallet_window_months: 2.5,
			baseline_days: 0,
			fallback_win_rate: 2,
			keywords: [],
			currency: 'dollars',
			carrying_rate: 0.3,
			colour: 'red'
		});
		expect(r).toEqual({
			ok: false,
			errors: {
				'channel_cost.phone': 'must not be negative',
				'channel_cost.fax': 'is not a known key',
				'channel_cost.email': 'must be a number',
				escalation_cost: 'must be a number',
				'carrying_components.capital': 'must be at most 1',
				wallet_window_months: 'must be a whole number',
				baseline_days: 'must be at least 1',
				fallback_win_rate: 'must be at most 1',
				keywords: 'must have at least one entry',
				currency: 'must be a three-letter currency code',
				carrying_rate: 'is the sum of carrying_components; edit those',
				colour: 'is not an assumption'
			}
		});
	});

	it('normalises keywords and currency', () => {
		const r = applyEdit(DEFAULT_ASSUMPTIONS, { keywords: [' ETA', 'eta', 'Rush  order'], currency: 'eur' });
		expect(r.ok && r.values.keywords).toEqual(['eta', 'rush order']);
		expect(r.ok && r.values.currency).toBe('EUR');
		expect(applyEdit(DEFAULT_ASSUMPTIONS, { keywords: ['x'.repeat(101)] }).ok).toBe(false);
		expect(applyEdit(DEFAULT_ASSUMPTIONS, { keywords: [3] }).ok).toBe(false);
		expect(applyEdit(DEFAULT_ASSUMPTIONS, 'x')).toEqual({ ok: false, errors: { '': 'assumptions must be an object' } });
	});

	it('carrying rate follows its components', () => {
		const r = applyEdit(DEFAULT_ASSUMPTIONS, { carrying_components: { capital: 0.15 } });
		expect(r.ok && carryingRate(r.values)).toBe(0.3);
	});
});

describe('stored values and diffs', () => {
	it('fill what is missing or invalid with defaults', () => {
		const v = valuesFromStored({ escalation_cost: 30, channel_cost: { phone: -5 }, old_key: 1 });
		expect(v.escalation_cost).toBe(30);
		expect(v.channel_cost).toEqual(DEFAULT_ASSUMPTIONS.channel_cost);
		expect(valuesFromStored(null)).toEqual(DEFAULT_ASSUMPTIONS);
	});

	it('list changed paths with old and new values', () => {
		const r = applyEdit(DEFAULT_ASSUMPTIONS, { channel_cost: { phone: 16 }, keywords: ['eta'] });
		if (!r.ok) throw new Error('edit failed');
		expect(diffValues(DEFAULT_ASSUMPTIONS, r.values)).toEqual([
			{ key: 'channel_cost.phone', old_value: 8, new_value: 16 },
			{ key: 'keywords', old_value: [...DEFAULT_KEYWORDS], new_value: ['eta'] }
		]);
	});
});
