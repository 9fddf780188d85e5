/**
 * Filter state <-> URL. Only choices that differ from the defaults are written, so a shared link is short
 * and a default view has a clean URL. Invalid values in a hand-edited URL are dropped, never thrown.
 */
import { isIsoDate, type Period } from './metrics/period';
export type { Period };

import { FILTER_DIMENSIONS, FILTER_LABELS, MAX_FILTER_LENGTH } from './filters';
import { filterValues, type MetricFilters } from './metrics/filters-type';
export { FILTER_DIMENSIONS, FILTER_LABELS };

/** The filters as a page holds them: every dimension present, null when not set. */
export type FilterState = MetricFilters & ReturnType<typeof filterValues>;

/** Reads the URL; anything malformed falls back to the default rather than breaking the page. */
export function readFilters(params: URLSearchParams, defaults: Period): FilterState {
	const from = params.get('from');
	const to = params.get('to');
	const state: FilterState = {
		from: from && isIsoDate(from) ? from : defaults.from,
		to: to && isIsoDate(to) ? to : defaults.to,
		...filterValues({})
	};
	if (state.from > state.to) {
		state.from = defaults.from;
		state.to = defaults.to;
	}
	for (const d of FILTER_DIMENSIONS) {
		const v = params.get(d);
		if (v && v.length <= MAX_FILTER_LENGTH) state[d] = v;
	}
	return state;
}

/** Writes only non-default choices, in a stable order so equal states give equal URLs. */
export function writeFilters(state: FilterState, defaults: Period, base?: URLSearchParams): URLSearchParams {
	const out = new URLSearchParams();
	if (base) for (const [k, v] of base) if (!isFilterKey(k)) out.append(k, v);
	if (state.from !== defaults.from) out.set('from', state.from);
	if (state.to !== defaults.to) out.set('to', state.to);
	for (const d of FILTER_DIMENSIONS) {
		const v = state[d];
		if (v) out.set(d, v);
	}
	return out;
}

export function isFilterKey(k: string): boolean {
	return k === 'from' || k === 'to' || (FILTER_DIMENSIONS as readonly string[]).includes(k);
}

/** The query string to carry the current filters into a link to another page. */
export function filterQuery(state: FilterState, defaults: Period): string {
	const s = writeFilters(state, defaults).toString();
	return s ? `?${s}` : '';
}

/** The state with every dimension cleared and the default period: the "Reset filters" target. */
export function defaultFilters(defaults: Period): FilterState {
	return { ...defaults, ...filterValues({}) };
}
