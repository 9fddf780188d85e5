/**
 * The reporting period: inclusive ISO dates. Pure date arithmetic on calendar dates (UTC), so the
 * server's time zone can never shift a day. Safe in the browser.
 */
import { addMonths, differenceInCalendarDays, endOfMonth, format, startOfMonth } from 'date-fns';

export interface Period {
	from: string;
	to: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A Date at local midnight of an ISO date, or null when malformed or impossible (2025-02-30). */
export function parseIsoDate(s: string): Date | null {
	const m = ISO.exec(s);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(y, mo - 1, d);
	// new Date() maps the years 0–99 to 1900–1999: a loaded 0014-01-19 made every page a 500
	if (y < 100) date.setFullYear(y, mo - 1, d);
	if (y < 1 || date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
	return date;
}

export const isIsoDate = (s: string): boolean => parseIsoDate(s) !== null;

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/** Days from..to inclusive (a one-day period has 1 day). */
export function daysInPeriod(p: Period): number {
	const a = parseIsoDate(p.from);
	const b = parseIsoDate(p.to);
	if (!a || !b) throw new Error(`invalid period ${p.from}..${p.to}`);
	return differenceInCalendarDays(b, a) + 1;
}

/**
 * The default period: the 12 full months ending with the month of the last order; when the data span
 * less than that, the whole range from the first order date (as the filter bar's defaults, so a link
 * without from/to means the same period to the page and to the API).
 */
export function defaultPeriod(firstOrderDate: string, lastOrderDate: string): Period {
	const first = parseIsoDate(firstOrderDate);
	const last = parseIsoDate(lastOrderDate);
	if (!first || !last) throw new Error(`invalid data range ${firstOrderDate}..${lastOrderDate}`);
	const to = endOfMonth(last);
	const twelve = startOfMonth(addMonths(last, -11));
	return { from: iso(first > twelve ? first : twelve), to: iso(to) };
}
