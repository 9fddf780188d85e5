import { runQuery } from './db';
import type { Period } from '$lib/url-state';
import { defaultPeriod } from '$lib/metrics/period';
import { addMonths, format } from 'date-fns';

export interface DataContext {
	/** false until something is loaded: pages show a "load data" message instead of zeros */
	hasData: boolean;
	firstOrder: string | null;
	lastOrder: string | null;
	defaults: Period;
	options: Record<'segment' | 'region' | 'category' | 'supplier', string[]>;
	error: string | null;
}

export async function dataContext(): Promise<DataContext> {
	const options: DataContext['options'] = { segment: [], region: [], category: [], supplier: [] };
	const [range, opts] = await Promise.all([
		runQuery<{ first_order: string | null; last_order: string | null }>('data_range'),
		runQuery<{ dimension: keyof DataContext['options']; value: string }>('filter_options')
	]);
	if (!range.ok || !opts.ok) {
		const error = !range.ok ? range.error.message : !opts.ok ? opts.error.message : null;
		return { hasData: false, firstOrder: null, lastOrder: null, defaults: fallbackPeriod(), options, error };
	}
	for (const r of opts.rows) options[r.dimension]?.push(r.value);
	const { first_order, last_order } = range.rows[0] ?? {};
	if (!first_order || !last_order) {
		return { hasData: false, firstOrder: null, lastOrder: null, defaults: fallbackPeriod(), options, error: null };
	}
	return {
		hasData: true,
		firstOrder: first_order,
		lastOrder: last_order,
		defaults: defaultPeriod(first_order, last_order),
		options,
		error: null
	};
}

/** With no data the period is the last 12 months to today, so the filter bar still shows something sane. */
function fallbackPeriod(): Period {
	const today = format(new Date(), 'yyyy-MM-dd');
	return defaultPeriod(format(addMonths(new Date(), -11), 'yyyy-MM-dd'), today);
}
