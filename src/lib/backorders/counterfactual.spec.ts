import { describe, expect, it } from 'vitest';
import { prioritySaving, reassign, type HistoryLine } from './counterfactual';
import type { BucketEffects } from './pricing';

const EFFECTS: BucketEffects = {
	le10: { did_pct: -0.08, did_low: -0.1, did_high: -0.06, reason: null },
	gt10: { did_pct: -0.18, did_low: -0.22, did_high: -0.14, reason: null },
	cancelled_open: { did_pct: -0.28, did_low: null, did_high: null, reason: null }
};

const line = (order_id: string, sku: string, customer_id: string, revenue_12m: number, customer_lines: number, order_date: string, filled_date: string, segment: string): HistoryLine => ({
	order_id, sku, customer_id, revenue_12m, customer_lines, order_date, filled_date, segment, supplier: 'X', qty_open: 1
});

// SKU S: three lines, two fill dates (Jan 5 once, Jan 20 twice); SKU T: one line, nothing to re-assign.
const A = line('A', 'S', 'CA', 1000, 1, '2025-01-01', '2025-01-05', 'Small');
const B = line('B', 'S', 'CB', 10000, 1, '2025-01-02', '2025-01-20', 'Key');
const C = line('C', 'S', 'CC', 4000, 2, '2025-01-03', '2025-01-20', 'Key');
const D = line('D', 'T', 'CD', 100, 1, '2025-01-01', '2025-01-03', 'Small');

describe('what prioritising would have saved (hand-computed)', () => {
	// By hand, gross margin 0.5: each line's share = revenue / customer lines × 0.5 → A 500, B 5000, C 1000.
	// Order date: Jan 5 → A (4 days), Jan 20 → B (18), C (17). Priority (share per unit, contacts equal):
	// Jan 5 → B (3 days), Jan 20 → C (17), A (19). B moves into ≤10 days (+5000), A out (−500), C stays.
	// Δ = did(≤10) − did(>10) = −0.08 − (−0.18) = 0.10 → saving 0.10 × 4500 = 450;
	// interval ends Δ ∈ [−0.10 − (−0.14), −0.06 − (−0.22)] = [0.04, 0.16] → [180, 720].
	// Total days waited 39 both ways → contact saving 0 at any rate.
	const s = prioritySaving([A, B, C, D], EFFECTS, 0.5, 10);

	it('reproduces the total and its interval', () => {
		expect(s.wallet_saving).toBeCloseTo(450, 9);
		expect(s.contact_saving).toBeCloseTo(0, 9);
		expect(s.saving).toBeCloseTo(450, 9);
		expect(s.low).toBeCloseTo(180, 9);
		expect(s.high).toBeCloseTo(720, 9);
		expect(s.moved).toBe(2);
		expect(s.lines).toBe(4);
		expect(s.reason).toBeNull();
	});

	it('splits it by segment and supplier, adding up to the total', () => {
		const seg = Object.fromEntries(s.by_segment.map((g) => [g.key, g.saving]));
		// each with its contact part: B waits 15 days less, A 15 days more (15/7 weeks × 10)
		expect(seg.Key).toBeCloseTo(500 + 150 / 7, 9);
		expect(seg.Small).toBeCloseTo(-50 - 150 / 7, 9);
		expect(s.by_supplier).toHaveLength(1);
		expect(s.by_supplier[0].saving).toBeCloseTo(450, 9);
	});

	it('re-assigns real fill dates, never before an order', () => {
		const m = reassign([A, B, C], ['2025-01-20', '2025-01-05', '2025-01-20'], (a, b) => b.revenue_12m - a.revenue_12m);
		expect([m.get(B), m.get(C), m.get(A)]).toEqual(['2025-01-05', '2025-01-20', '2025-01-20']);
		// a line ordered after the first fill date cannot take it
		const late = { ...B, order_date: '2025-01-06' };
		const m2 = reassign([A, late], ['2025-01-05', '2025-01-20'], (a, b) => b.revenue_12m - a.revenue_12m);
		expect(m2.get(A)).toBe('2025-01-05');
		expect(m2.get(late)).toBe('2025-01-20');
	});

	it('is n/a with the reason when a bucket effect is', () => {
		const n = prioritySaving([A, B, C], { ...EFFECTS, gt10: { did_pct: null, did_low: null, did_high: null, reason: 'too few treated customers' } }, 0.5, 10);
		expect(n.saving).toBeNull();
		expect(n.reason).toContain('too few treated customers');
	});

	it('says the interval is missing when the effects carry none', () => {
		const flat: BucketEffects = { ...EFFECTS, le10: { ...EFFECTS.le10, did_low: null, did_high: null } };
		const n = prioritySaving([A, B, C], flat, 0.5, null);
		expect(n.saving).toBeCloseTo(450, 9);
		expect(n.low).toBeNull();
		expect(n.interval_reason).toMatch(/no interval/);
		expect(n.reason).toMatch(/contacts are left out/);
	});
});

describe('a filter’s part of the one counterfactual', () => {
	it('re-assigns over every line and adds up over a partition', () => {
		const all = [A, B, C, D];
		const key = prioritySaving(all, EFFECTS, 0.5, 10, (l) => l.segment === 'Key');
		const small = prioritySaving(all, EFFECTS, 0.5, 10, (l) => l.segment === 'Small');
		// Key holds B (+5000 share moved in) and C (unchanged): 0.10 × 5000 = 500; contacts: B waits 15 days
		// less (18 → 3), C the same: 15/7 weeks × 10
		expect(key.wallet_saving).toBeCloseTo(500, 9);
		expect(key.contact_saving).toBeCloseTo((15 / 7) * 10, 9);
		expect(key.lines).toBe(2);
		// Small holds A, who waits 15 days more: the parts add up to the whole
		expect(small.saving! + key.saving!).toBeCloseTo(450, 9);
		// interval ends are a slice's own (Δ's low end × its net share moved, + contacts); they do not add up
		expect(key.low).toBeCloseTo(0.04 * 5000 + 150 / 7, 9);
		expect(small.low).toBeCloseTo(0.16 * -500 - 150 / 7, 9);
	});
});
