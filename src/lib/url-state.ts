/**
 * Filter state <-> URL. Only choices that differ from the defaults are written, so a shared link is short
 * and a default view has a clean URL. Invalid values in a hand-edited URL are dropped, never thrown.
 */
import { isIsoDate, type Period } from './metrics/period';
export type { Period };

import { FILTER_DIMENSIONS, FILTER_LABELS, MAX_FILTER_LENGTH } from './filters';
import { filterValues, type MetricFilters } from './metrics/filters-type';
export { FILTER_DIMENSIONS, FILTER_LABELS };

/**
 * The filters as a page holds them: every dimension present, null when not set. `scenario` names a saved
 * assumption scenario to price under instead of the active one (absent = the active one); it travels
 * with the filters so every link keeps it, but it is not a metric filter and no query binds it.
 */
export type FilterState = MetricFilters & ReturnType<typeof filterValues> & { scenario?: string };

/** A scenario name as the URL may carry it (the store checks it exists; this only bounds its shape). */
const SCENARIO_PARAM = /^[\p{L}\p{N}][\p{L}\p{N} _.\-()&+']{0,59}$/u;
export const isScenarioParam = (v: string | null): v is string => !!v && SCENARIO_PARAM.test(v);

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
	const scenario = params.get('scenario');
	if (isScenarioParam(scenario)) state.scenario = scenario;
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
	if (state.scenario) out.set('scenario', state.scenario);
	return out;
}

export function isFilterKey(k: string): boolean {
	return k === 'from' || k === 'to' || k === 'scenario' || (FILTER_DIMENSIONS as readonly string[]).includes(k);
}

/** The metric filters alone (no scenario): what queries and summaries take. */
export function metricFilters(state: FilterState): MetricFilters {
	const { scenario: _scenario, ...f } = state;
	return f;
}

/**
 * A second period to set against the filters' one (`compare_from`/`compare_to`), and a second scenario
 * (`vs`, on /compare). Both dates or neither; a malformed or reversed pair is dropped, never thrown.
 */
export interface CompareState {
	compare_from: string | null;
	compare_to: string | null;
	vs: string | null;
}

export function readCompare(params: URLSearchParams): CompareState {
	const from = params.get('compare_from');
	const to = params.get('compare_to');
	const ok = !!from && !!to && isIsoDate(from) && isIsoDate(to) && from <= to;
	const vs = params.get('vs');
	return { compare_from: ok ? from : null, compare_to: ok ? to : null, vs: isScenarioParam(vs) ? vs : null };
}

/** Writes the comparison onto a query (replacing any earlier one); only set values are written. */
export function writeCompare(state: CompareState, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
	const out = new URLSearchParams();
	for (const [k, v] of base) if (!['compare_from', 'compare_to', 'vs'].includes(k)) out.append(k, v);
	if (state.compare_from && state.compare_to) {
		out.set('compare_from', state.compare_from);
		out.set('compare_to', state.compare_to);
	}
	if (state.vs) out.set('vs', state.vs);
	return out;
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
