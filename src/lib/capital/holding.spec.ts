import { describe, expect, it } from 'vitest';
import { baselineWindow, holdingByGroup, holdingByMonth, savingsAt, type SeriesPoint } from './holding';

const series: SeriesPoint[] = [
	{ date: '2025-01-06', value: 1000 },
	{ date: '2025-01-20', value: 800 },
	{ date: '2025-02-03', value: 600 },
	{ date: '2025-02-17', value: 500 },
	{ date: '2025-03-03', value: 400 }
];

describe('holding by month', () => {
	it('takes the baseline from the first N days of snapshots', () => {
		// 14 days: 2025-01-06 only; 15 days: both January dates
		expect(baselineWindow(series, 14)).toEqual({ from: '2025-01-06', to: '2025-01-06', value: 1000, snapshots: 1 });
		expect(baselineWindow(series, 15)).toEqual({ from: '2025-01-06', to: '2025-01-20', value: 900, snapshots: 2 });
		expect(baselineWindow([], 90)).toBeNull();
	});

	it("prices each month's mean over its days in the period", () => {
		const m = holdingByMonth(series, { from: '2025-01-15', to: '2025-03-31' }, 1000, 0.25);
		expect(m.map((x) => x.month)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
		// January: only 01-20 is in the period, 17 days (15th..31st)
		expect(m[0]).toMatchObject({ value: 800, snapshots: 1, days: 17 });
		expect(m[0].holding_cost).toBeCloseTo((800 * 0.25 * 17) / 365, 12);
		expect(m[0].savings).toBeCloseTo((200 * 0.25 * 17) / 365, 12);
		// February: mean 550 over 28 days
		expect(m[1]).toMatchObject({ value: 550, days: 28 });
		expect(m[1].savings).toBeCloseTo((450 * 0.25 * 28) / 365, 12);
		expect(m[2]).toMatchObject({ value: 400, days: 31 });
		expect(holdingByMonth(series, { from: '2025-01-15', to: '2025-03-31' }, null, 0.25)[0].savings).toBeNull();
	});
});

describe('holding by group', () => {
	it('applies the ledger formula to each category and sorts by the size of the saving', () => {
		const rows = [
			{ dimension: 'category' as const, name: 'Pumps', baseline_value: 1000, period_value: 900 },
			{ dimension: 'category' as const, name: 'Valves', baseline_value: 500, period_value: 800 },
			{ dimension: 'supplier' as const, name: 'Acme', baseline_value: 1500, period_value: 1700 },
			{ dimension: 'category' as const, name: 'New', baseline_value: null, period_value: 10 }
		];
		const g = holdingByGroup(rows, 'category', 0.25, 365);
		expect(g.map((x) => x.name)).toEqual(['Valves', 'Pumps', 'New']);
		expect(g[0]).toMatchObject({ savings: -75, holding_cost: 200 });
		expect(g[0].change).toBeCloseTo(0.6, 12);
		expect(g[1].savings).toBe(25);
		expect(g[1].change).toBeCloseTo(-0.1, 12);
		expect(g[2]).toMatchObject({ savings: null, change: null });
		expect(holdingByGroup(rows, 'supplier', 0.25, 73)[0].savings).toBeCloseTo(-10, 12);
	});

	it('previews savings at another carrying rate', () => {
		expect(savingsAt(4000, 3000, 0.3, 365)).toBeCloseTo(300, 12);
		expect(savingsAt(null, 3000, 0.3, 365)).toBeNull();
	});
});
