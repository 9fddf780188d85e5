import { describe, expect, it } from 'vitest';
import { compareFigures, figureAt, figureDeltas, LEDGER_FIGURES } from './figures';

const a = { total_backorder_cost: 1200, net_cost: 700, holding: { savings: 500 }, orders: { lines: 10, line_fill_rate: 0.9 }, cost_per_dollar_saved: null };
const b = { total_backorder_cost: 1000, net_cost: 800, holding: { savings: 200 }, orders: { lines: 12, line_fill_rate: 0.95 }, cost_per_dollar_saved: 5 };

describe('ledger figures', () => {
	it('reads dotted paths, null for anything not a finite number', () => {
		expect(figureAt(a, 'holding.savings')).toBe(500);
		expect(figureAt(a, 'holding.nothing')).toBeNull();
		expect(figureAt(a, 'cost_per_dollar_saved')).toBeNull();
		expect(figureAt({ x: Number.NaN }, 'x')).toBeNull();
		expect(figureAt(null, 'x')).toBeNull();
	});

	it('puts two summaries side by side with a − b, null when a side is missing', () => {
		const rows = compareFigures(a, b);
		expect(rows).toHaveLength(LEDGER_FIGURES.length);
		const by = Object.fromEntries(rows.map((r) => [r.path, r]));
		expect(by.total_backorder_cost).toMatchObject({ a: 1200, b: 1000, delta: 200 });
		expect(by['holding.savings']).toMatchObject({ a: 500, b: 200, delta: 300 });
		expect(by['orders.lines'].delta).toBe(-2);
		expect(by['orders.line_fill_rate'].delta).toBeCloseTo(-0.05, 10);
		expect(by.cost_per_dollar_saved).toMatchObject({ a: null, b: 5, delta: null });
		expect(figureDeltas(a, b).net_cost).toBe(-100);
	});

	it('names each path once', () => {
		expect(new Set(LEDGER_FIGURES.map((f) => f.path)).size).toBe(LEDGER_FIGURES.length);
	});
});
