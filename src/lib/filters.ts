/**
 * Parsing and validation of the filter parameters shared by the API and the pages (DESIGN §4, §6).
 * Only whitelisted names are accepted; values are bound as SQL parameters, never spliced. A
 * well-formed value that matches nothing is not an error: it simply selects nothing.
 * Pure module, safe in the browser.
 */
import { FILTER_DIMENSIONS, type FilterDimension, type MetricFilters } from './metrics/filters-type';
import { addMonths, addYears, endOfMonth, endOfYear, format, startOfMonth, startOfYear } from 'date-fns';
import { parseIsoDate } from './metrics/period';

export { FILTER_DIMENSIONS, type FilterDimension };
export const FILTER_LABELS: Record<FilterDimension, string> = {
	segment: 'Segment',
	region: 'Region',
	category: 'Category',
	supplier: 'Supplier',
	sales_rep: 'Sales rep',
	customer: 'Customer',
	sku: 'SKU'
};

export const MAX_FILTER_LENGTH = 200;

/** A request's filters before the default period is known: from/to may be absent. */
export type FilterInput = Partial<Pick<MetricFilters, 'from' | 'to'>> & Omit<MetricFilters, 'from' | 'to'>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parses query parameters. `extra` names further parameters the caller accepts (returned unparsed);
 * any other name is an error, so a misspelt filter is reported rather than ignored.
 */
export function parseFilters(
	params: URLSearchParams | Record<string, unknown>,
	extra: readonly string[] = []
): ParseResult<{ filters: FilterInput; extra: Record<string, string> }> {
	const entries: [string, unknown][] =
		params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
	const seen = new Set<string>();
	const filters: FilterInput = {};
	const rest: Record<string, string> = {};
	for (const [name, raw] of entries) {
		if (seen.has(name)) return { ok: false, error: `parameter "${name}" is given more than once` };
		seen.add(name);
		const known = name === 'from' || name === 'to' || (FILTER_DIMENSIONS as readonly string[]).includes(name);
		if (!known && !extra.includes(name)) {
			return { ok: false, error: `unknown parameter "${name.slice(0, 50)}"; allowed: ${['from', 'to', ...FILTER_DIMENSIONS, ...extra].join(', ')}` };
		}
		if (raw === undefined || raw === null) continue;
		if (typeof raw !== 'string') return { ok: false, error: `parameter "${name}" must be text` };
		if (raw.length > MAX_FILTER_LENGTH) return { ok: false, error: `parameter "${name}" is longer than ${MAX_FILTER_LENGTH} characters` };
		const value = raw.trim();
		if (value === '') continue; // an empty value means "no filter", as a cleared form field sends
		if (name === 'from' || name === 'to') {
			if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { ok: false, error: `"${name}" must be a date YYYY-MM-DD, got "${value.slice(0, 40)}"` };
			if (!parseIsoDate(value)) return { ok: false, error: `"${name}" is not a real date: ${value}` };
			filters[name] = value;
		} else if (known) filters[name as FilterDimension] = value;
		else rest[name] = value;
	}
	if (filters.from && filters.to && filters.from > filters.to) {
		return { ok: false, error: `"from" (${filters.from}) is after "to" (${filters.to})` };
	}
	return { ok: true, value: { filters, extra: rest } };
}

/** Completes parsed filters with a default period; fails when a given bound contradicts the default. */
export function withPeriod(f: FilterInput, fallback: { from: string; to: string }): ParseResult<MetricFilters> {
	const from = f.from ?? fallback.from;
	const to = f.to ?? fallback.to;
	if (from > to) return { ok: false, error: `"from" (${from}) is after "to" (${to})` };
	return { ok: true, value: { ...f, from, to } };
}

export interface DatePreset {
	key: string;
	label: string;
	from: string;
	to: string;
}

/**
 * Period presets relative to the data (the last order date), not to today: a loaded extract is history,
 * so "last 3 months" means the last 3 months of the data. Each preset is clipped to the first order date;
 * the 12-month preset equals the default period.
 */
export function datePresets(firstOrder: string, lastOrder: string): DatePreset[] {
	const last = parseIsoDate(lastOrder);
	const first = parseIsoDate(firstOrder);
	if (!last || !first) return [];
	const iso = (d: Date) => format(d, 'yyyy-MM-dd');
	const clip = (d: Date) => (d < first ? first : d);
	const end = endOfMonth(last);
	const months = (n: number) => ({ from: iso(clip(startOfMonth(addMonths(last, -(n - 1))))), to: iso(end) });
	const out: DatePreset[] = [
		{ key: '3m', label: 'Last 3 months', ...months(3) },
		{ key: '6m', label: 'Last 6 months', ...months(6) },
		{ key: '12m', label: 'Last 12 months', ...months(12) },
		{ key: 'ytd', label: 'Year to date', from: iso(clip(startOfYear(last))), to: iso(end) }
	];
	const prevYear = addYears(startOfYear(last), -1);
	if (endOfYear(prevYear) >= first) {
		out.push({ key: 'py', label: `Year ${prevYear.getFullYear()}`, from: iso(clip(prevYear)), to: iso(endOfYear(prevYear)) });
	}
	out.push({ key: 'all', label: 'All data', from: iso(first), to: iso(end) });
	return out;
}

/** The preset a period equals, if any (the filter bar shows it as selected). */
export function presetOf(presets: readonly DatePreset[], from: string, to: string): DatePreset | null {
	return presets.find((p) => p.from === from && p.to === to) ?? null;
}
