/**
 * What /drivers draws for a filter set and view: three breakdowns of the same filters, each applying the
 * cross-filter picks except those on the dimensions it shows (those it highlights instead): the table and
 * Pareto by `dim`, the heat map by hy × hx, and — when a member of `dim` is picked — the focus figures with
 * every pick applied. Shared by the page and the warm-up (metrics/warm.ts), so the default view a warm-up
 * computes is the one the page asks for.
 */
import { applyPicks, picksExcept, type DriverFilters, type DriverView, type Pick } from '$lib/drivers/dimensions';
import type { Scenario } from '../assumptions/store';
import { dataVersion } from '../metrics/summary';
import { breakdown, type Breakdown } from './breakdown';

/** The picks select nothing (e.g. a member the other filters exclude); the message says which. */
export class PickError extends Error {}

export async function driversPage(base: DriverFilters, view: DriverView, scenario: Scenario) {
	const narrow = (picks: Pick[]) => {
		const r = applyPicks(base, picks);
		if (!r.ok) throw new PickError(r.reason);
		return r.filters;
	};
	const version = await dataVersion();
	// every view is priced at the rates of the filters' period, before a month pick narrows it
	const opts = { version, ratesPeriod: { from: base.from, to: base.to } };
	const pickedOnDim = view.picks.some((p) => p.dim === view.dim);
	const [main, heat, focus] = await Promise.all([
		breakdown(narrow(picksExcept(view.picks, view.dim)), view.dim, null, scenario, opts),
		breakdown(narrow(picksExcept(view.picks, view.hy, view.hx)), view.hy, view.hx, scenario, opts),
		pickedOnDim ? breakdown(narrow(view.picks), view.dim, null, scenario, opts) : Promise.resolve(null as Breakdown | null)
	]);
	return { main: slim(main), heat: heatCells(heat), focus: focus ? slim(focus) : null };
}

/** What the page needs of a breakdown (the filters echo is dropped). */
function slim(b: Breakdown) {
	const { filters: _f, ...rest } = b;
	void _f;
	return { ...rest, period: { from: b.filters.from, to: b.filters.to } };
}

/**
 * The heat map needs only the cells of its largest rows (a customer × month breakdown has tens of
 * thousands of members): the top HEAT_ROWS rows by cost are sent, with the count of the others.
 */
const HEAT_ROWS = 15;
function heatCells(b: Breakdown) {
	const rowSum = new Map<string | null, number>();
	for (const m of b.members) if (m.total > 0) rowSum.set(m.member, (rowSum.get(m.member) ?? 0) + m.total);
	const top = new Set([...rowSum].sort((x, y) => y[1] - x[1]).slice(0, HEAT_ROWS).map((e) => e[0]));
	return {
		dim: b.dim,
		dim2: b.dim2,
		cells: b.members
			.filter((m) => m.total > 0 && top.has(m.member))
			.map((m) => ({ row: m.member, col: m.member2, value: m.total, rowLabel: m.label !== m.member ? m.label : null })),
		rows_total: rowSum.size,
		unattributed: b.unattributed.total,
		unplaceable: b.unplaceable,
		total: b.totals.total,
		ms: b.ms
	};
}
