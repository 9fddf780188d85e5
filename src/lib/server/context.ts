import { runQuery } from './db';
import { dataRange, versionOf } from './data-version';
import { VersionCache } from './version-cache';
import type { FilterDimension } from '$lib/filters';
import type { Period } from '$lib/url-state';
import { defaultPeriod } from '$lib/metrics/period';
import { addMonths, format } from 'date-fns';

export interface DataContext {
	/** false until something is loaded: pages show a "load data" message instead of zeros */
	hasData: boolean;
	firstOrder: string | null;
	lastOrder: string | null;
	defaults: Period;
	options: Record<FilterDimension, string[]>;
	error: string | null;
}

const noOptions = (): DataContext['options'] => ({ segment: [], region: [], category: [], supplier: [], sales_rep: [], customer: [], sku: [] });

/**
 * What a request without a role sees (sign-in on, not signed in): no filter values, no names, no data
 * range. The access hook lets such a request reach only the sign-in routes, which render no layout; this
 * keeps the layout empty even if something it did not foresee renders one (an error page, issue 19).
 */
export function noDataContext(): DataContext {
	return { hasData: false, firstOrder: null, lastOrder: null, defaults: fallbackPeriod(), options: noOptions(), error: null };
}

/** The filters' values change only with the data: read once per data version, not per request. */
const optionRows = new VersionCache(1);
function filterOptions(version: string | undefined): Promise<{ dimension: FilterDimension; value: string }[]> {
	return optionRows.get(version, ['filter_options'], async () => {
		const r = await runQuery<{ dimension: FilterDimension; value: string }>('filter_options');
		if (!r.ok) throw new Error(r.error.message);
		return r.rows;
	});
}

export async function dataContext(): Promise<DataContext> {
	const options = noOptions();
	const fail = (e: Error) => ({ ok: false as const, message: e.message });
	const range = await dataRange().then((r) => ({ ok: true as const, row: r }), fail);
	const opts = range.ok ? await filterOptions(range.row ? versionOf(range.row) : undefined).then((rows) => ({ ok: true as const, rows }), fail) : null;
	if (!range.ok || !opts?.ok) {
		const error = !range.ok ? range.message : opts && !opts.ok ? opts.message : null;
		return { hasData: false, firstOrder: null, lastOrder: null, defaults: fallbackPeriod(), options, error };
	}
	for (const r of opts.rows) options[r.dimension]?.push(r.value);
	const { first_order, last_order } = range.row ?? {};
	if (!first_order || !last_order) {
		return { hasData: false, firstOrder: null, lastOrder: null, defaults: fallbackPeriod(), options, error: null };
	}
	let defaults: Period;
	try {
		defaults = defaultPeriod(first_order, last_order);
	} catch (e) {
		// whatever was loaded, the layout renders (and with it /data, where a reset lives)
		return { hasData: false, firstOrder: first_order, lastOrder: last_order, defaults: fallbackPeriod(), options, error: `the order dates cannot make a period (${first_order} to ${last_order}): ${e instanceof Error ? e.message : String(e)}` };
	}
	return { hasData: true, firstOrder: first_order, lastOrder: last_order, defaults, options, error: null };
}

/** With no data the period is the last 12 months to today, so the filter bar still shows something sane. */
function fallbackPeriod(): Period {
	const today = format(new Date(), 'yyyy-MM-dd');
	return defaultPeriod(format(addMonths(new Date(), -11), 'yyyy-MM-dd'), today);
}
