/**
 * Calendar presets and comparison periods (issue 17, item 4). Relative to the data's last order date,
 * never to the wall clock: a loaded extract is history, so "this month" is the month of the last order.
 * Pure date arithmetic on ISO dates; safe in the browser.
 */
import { addMonths, addYears, endOfMonth, endOfQuarter, endOfYear, format, startOfMonth, startOfQuarter, startOfYear } from 'date-fns';
import { parseIsoDate, type Period } from './metrics/period';
import { previousPeriod } from './ledger/compare';
import { dateRange } from './format';

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

export interface CalendarPreset extends Period {
	key: 'this_month' | 'last_month' | 'this_quarter' | 'last_quarter' | 'this_year' | 'last_year';
	label: string;
}

/**
 * This/last month, quarter and year around the last order date. "This" runs to the end of the calendar
 * unit (the data simply stops earlier); a preset wholly before the first order is left out, one that
 * starts before it is kept whole (its figures say how many days hold data).
 */
export function calendarPresets(firstOrder: string, lastOrder: string): CalendarPreset[] {
	const last = parseIsoDate(lastOrder);
	const first = parseIsoDate(firstOrder);
	if (!last || !first) return [];
	const unit = (start: Date, end: Date) => ({ from: iso(start), to: iso(end) });
	const lastMonth = addMonths(last, -1);
	const lastQuarter = addMonths(startOfQuarter(last), -3);
	const lastYear = addYears(last, -1);
	const all: CalendarPreset[] = [
		{ key: 'this_month', label: 'This month', ...unit(startOfMonth(last), endOfMonth(last)) },
		{ key: 'last_month', label: 'Last month', ...unit(startOfMonth(lastMonth), endOfMonth(lastMonth)) },
		{ key: 'this_quarter', label: 'This quarter', ...unit(startOfQuarter(last), endOfQuarter(last)) },
		{ key: 'last_quarter', label: 'Last quarter', ...unit(lastQuarter, endOfQuarter(lastQuarter)) },
		{ key: 'this_year', label: 'This year', ...unit(startOfYear(last), endOfYear(last)) },
		{ key: 'last_year', label: 'Last year', ...unit(startOfYear(lastYear), endOfYear(lastYear)) }
	];
	return all.filter((p) => p.to >= firstOrder);
}

/** The same dates a year earlier; 29 February maps to 28 February (date-fns clamps the day). */
export function sameLastYear(p: Period): Period {
	const from = parseIsoDate(p.from);
	const to = parseIsoDate(p.to);
	if (!from || !to) throw new Error(`invalid period ${p.from}..${p.to}`);
	// a period ending on a month's last day ends on that month's last day a year earlier (Feb 29 → Feb 28)
	const end = iso(to) === iso(endOfMonth(to)) ? endOfMonth(addYears(to, -1)) : addYears(to, -1);
	return { from: iso(addYears(from, -1)), to: iso(end) };
}

export type CompareMode = 'previous' | 'year' | 'custom';

/** Which comparison a given compare period is for this period (custom when it is neither preset). */
export function compareModeOf(p: Period, compare: Period | null): CompareMode {
	if (!compare) return 'previous';
	const prev = previousPeriod(p);
	if (compare.from === prev.from && compare.to === prev.to) return 'previous';
	const ly = sameLastYear(p);
	if (compare.from === ly.from && compare.to === ly.to) return 'year';
	return 'custom';
}

/**
 * The period the ledger compares with: the URL's compare_from/compare_to when given, else the previous
 * period of equal length (the ledger's long-standing default, which the URL therefore never carries).
 */
export function comparisonPeriod(p: Period, compare: { compare_from: string | null; compare_to: string | null }): Period {
	return compare.compare_from && compare.compare_to ? { from: compare.compare_from, to: compare.compare_to } : previousPeriod(p);
}

/** The URL values for a comparison mode: null for the default (previous period), so the URL stays clean. */
export function compareParams(p: Period, mode: Exclude<CompareMode, 'custom'>): { compare_from: string | null; compare_to: string | null } {
	if (mode === 'previous') return { compare_from: null, compare_to: null };
	const ly = sameLastYear(p);
	return { compare_from: ly.from, compare_to: ly.to };
}

/** How the tiles and the narrative name the comparison: short (tiles) and as a phrase (narrative). */
export function compareLabels(p: Period, compare: Period): { short: string; phrase: string } {
	const mode = compareModeOf(p, compare);
	if (mode === 'previous') return { short: 'previous period', phrase: 'the previous period of equal length' };
	const range = dateRange(compare.from, compare.to);
	if (mode === 'year') return { short: 'same period last year', phrase: `the same period last year (${range})` };
	return { short: range, phrase: range };
}
