/** The previous period of equal length, ending the day before `from`: what the tiles compare against. */
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';
import type { Period } from '$lib/metrics/period';

export function previousPeriod(p: Period): Period {
	const from = parseISO(p.from);
	const length = differenceInCalendarDays(parseISO(p.to), from) + 1;
	return { from: format(addDays(from, -length), 'yyyy-MM-dd'), to: format(addDays(from, -1), 'yyyy-MM-dd') };
}

/** Relative change, or null when there is nothing to compare with (a zero or missing base). */
export function change(current: number | null, previous: number | null): number | null {
	if (current === null || previous === null || previous === 0) return null;
	return current / Math.abs(previous) - Math.sign(previous);
}
