/**
 * Holding figures of the working-capital page (DESIGN §4 "Holding savings"), from the inventory value per
 * snapshot date: the baseline window, holding cost and savings by month, and by category and supplier.
 * Pure, browser-safe. Dates are ISO calendar dates compared as strings.
 */
import { daysInPeriod } from '$lib/metrics/period';

export interface SeriesPoint {
	date: string;
	value: number;
}

export interface MonthHolding {
	/** YYYY-MM-01 */
	month: string;
	/** mean inventory value over the month's snapshot dates in the period */
	value: number;
	snapshots: number;
	/** days of the month inside the period */
	days: number;
	/** value · carrying_rate · days/365 */
	holding_cost: number;
	/** (baseline − value) · carrying_rate · days/365; negative = lean cost more to carry */
	savings: number | null;
}

/** The snapshot dates of the baseline window: the first `baselineDays` days of snapshots. */
export function baselineWindow(series: readonly SeriesPoint[], baselineDays: number): { from: string; to: string; value: number; snapshots: number } | null {
	if (series.length === 0) return null;
	const first = series[0].date;
	const end = addDays(first, baselineDays);
	const inWindow = series.filter((p) => p.date < end);
	if (inWindow.length === 0) return null;
	return {
		from: inWindow[0].date,
		to: inWindow[inWindow.length - 1].date,
		value: inWindow.reduce((a, p) => a + p.value, 0) / inWindow.length,
		snapshots: inWindow.length
	};
}

/**
 * Holding cost and savings for each month touched by the period that has snapshots in it. Each month uses
 * its own mean and its days in the period, so the months add up to the period figure exactly when the
 * snapshots are spread evenly; the ledger's figure uses the period mean over all days.
 */
export function holdingByMonth(
	series: readonly SeriesPoint[],
	period: { from: string; to: string },
	baseline: number | null,
	carryingRate: number
): MonthHolding[] {
	const groups = new Map<string, { sum: number; n: number }>();
	for (const p of series) {
		if (p.date < period.from || p.date > period.to) continue;
		const m = `${p.date.slice(0, 7)}-01`;
		const g = groups.get(m) ?? { sum: 0, n: 0 };
		g.sum += p.value;
		g.n++;
		groups.set(m, g);
	}
	return [...groups.entries()]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([month, g]) => {
			const last = monthEnd(month);
			const days = daysInPeriod({ from: month < period.from ? period.from : month, to: last > period.to ? period.to : last });
			const value = g.sum / g.n;
			return {
				month,
				value,
				snapshots: g.n,
				days,
				holding_cost: (value * carryingRate * days) / 365,
				savings: baseline === null ? null : ((baseline - value) * carryingRate * days) / 365
			};
		});
}

export interface GroupRow {
	dimension: 'category' | 'supplier';
	name: string;
	baseline_value: number | null;
	period_value: number | null;
}

export interface GroupHolding {
	name: string;
	baseline_value: number | null;
	period_value: number | null;
	/** period / baseline − 1 */
	change: number | null;
	holding_cost: number | null;
	savings: number | null;
}

/** Savings per category or supplier, largest first (|savings|), by the ledger's formula. */
export function holdingByGroup(rows: readonly GroupRow[], dimension: GroupRow['dimension'], carryingRate: number, days: number): GroupHolding[] {
	return rows
		.filter((r) => r.dimension === dimension)
		.map((r) => ({
			name: r.name,
			baseline_value: r.baseline_value,
			period_value: r.period_value,
			change: r.baseline_value && r.period_value !== null ? r.period_value / r.baseline_value - 1 : null,
			holding_cost: r.period_value === null ? null : (r.period_value * carryingRate * days) / 365,
			savings: r.baseline_value === null || r.period_value === null ? null : ((r.baseline_value - r.period_value) * carryingRate * days) / 365
		}))
		.sort((a, b) => Math.abs(b.savings ?? 0) - Math.abs(a.savings ?? 0) || (a.name < b.name ? -1 : 1));
}

/** Holding savings for a carrying rate (the builder's live preview): (baseline − period)·rate·days/365. */
export function savingsAt(baseline: number | null, period: number | null, carryingRate: number, days: number): number | null {
	if (baseline === null || period === null) return null;
	return ((baseline - period) * carryingRate * days) / 365;
}

function addDays(iso: string, n: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

function monthEnd(monthStart: string): string {
	const d = new Date(`${monthStart}T00:00:00Z`);
	return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}
