/**
 * Drill-down: the records behind a breakdown figure — order lines, contacts or opportunities — for the
 * filters (picks applied) and optionally one member of a dimension, searchable and paged in SQL. Each
 * row carries its part of the figure (cancelled margin, contact cost, expected lost margin), and the
 * answer carries the sums over every matching row, which equal the breakdown member's figure.
 */
import { CHANNELS } from '$lib/schema';
import { isDimension, type Dimension, type DriverFilters } from '$lib/drivers/dimensions';
import { DRILL_KINDS, DRILL_MAX_LIMIT, DRILL_PAGE_SIZE, MAX_SEARCH_LENGTH, isDrillKind, parseDrillMember, searchPattern, type DrillKind } from '$lib/drivers/drill';
import { keywordPattern } from '$lib/metrics/keywords';
import type { Scenario } from '../assumptions/store';
import { bindFor, runSql, type Params, type QueryResult } from '../db';
import { periodRates } from '../metrics/summary';
import { driverParams, fillTemplate, memberExpressions, splitsContacts, type Source } from './sql';
import { parseDriversRequest } from './breakdown';
import { VersionCache } from '../version-cache';

const SOURCE: Record<DrillKind, Source> = { lines: 'lines', contacts: 'contacts', deals: 'deals' };

/** Which rows: every row, the unattributed ones, or one member (value null = members without a value). */
export type MemberChoice = { all: true } | { all: false; dim: Dimension; unattributed: true } | { all: false; dim: Dimension; unattributed: false; value: string | null };

/** The drill SQL of a kind for a member dimension, from the whitelist (never user text). */
export function drillSql(kind: DrillKind, choice: MemberChoice): string {
	if (!DRILL_KINDS.includes(kind)) throw new Error('unknown drill kind');
	const dim = choice.all ? null : choice.dim;
	if (dim !== null && !isDimension(dim)) throw new Error('unknown dimension');
	const m = dim === null ? { attributed: 'true', member: 'NULL::VARCHAR' } : memberExpressions(SOURCE[kind], [dim]);
	return fillTemplate(`drivers/drill_${kind}`, { ATTRIBUTED: m.attributed, MEMBER: m.member });
}

export interface DrillRequest {
	kind: DrillKind;
	filters: DriverFilters;
	/** the period whose rates price the rows (the view's, before a month pick narrowed it) */
	ratesPeriod?: { from: string; to: string };
	choice: MemberChoice;
	q: string | null;
	limit: number | null;
	offset: number;
}

/** Every parameter of a drill query, prices and rates included. */
export async function drillParams(req: DrillRequest, scenario: Scenario, version?: string): Promise<Params> {
	const a = scenario.assumptions;
	const rates = await periodRates(req.ratesPeriod ?? req.filters, scenario, version);
	const p: Params = {
		...driverParams(req.filters, keywordPattern(a.keywords), !req.choice.all && splitsContacts([req.choice.dim])),
		all: req.choice.all,
		unattributed: !req.choice.all && req.choice.unattributed,
		member: !req.choice.all && !req.choice.unattributed ? req.choice.value : null,
		q_pattern: searchPattern(req.q),
		limit: req.limit,
		offset: req.offset,
		gross_margin: rates.gross_margin,
		win_rate: rates.win_rate,
		escalation_cost: a.escalation_cost,
		sales_hour_cost: a.sales_loaded_rate + a.margin_per_selling_hour
	};
	for (const ch of CHANNELS) {
		p[`cc_${ch}`] = a.channel_cost[ch];
		p[`dm_${ch}`] = a.default_minutes[ch];
	}
	return p;
}

export interface DrillPage {
	kind: DrillKind;
	rows: Record<string, unknown>[];
	total_rows: number;
	/** the figure the rows make up: cancelled margin, contact cost or expected lost margin */
	total_cost: number;
	/** backordered value, contacts (Σ share) or lost deal value */
	total_value: number;
	limit: number | null;
	offset: number;
	ms: number;
}

const WINDOW_COLUMNS = ['total_rows', 'total_cost', 'total_value'];

/** Pages already served, by data version + SQL + parameters (paging back and forth, repeated searches). */
const pages = new VersionCache(200);

/** A failed query is answered but not kept (VersionCache forgets rejections). */
function cachedSql(label: string, sql: string, params: Params, version: string | undefined): Promise<QueryResult<Record<string, unknown>>> {
	return pages
		.get(version, [sql, params], () => runSql<Record<string, unknown>>(label, sql, params).then((r) => (r.ok ? r : Promise.reject(r))))
		.catch((r: QueryResult<Record<string, unknown>>) => r);
}

export async function drill(req: DrillRequest, scenario: Scenario, version?: string): Promise<DrillPage> {
	const sql = drillSql(req.kind, req.choice);
	const params = await drillParams(req, scenario, version);
	const r = await cachedSql(`drivers/drill_${req.kind}`, sql, params, version);
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	let totals = { total_rows: 0, total_cost: 0, total_value: 0 };
	if (r.rows.length) totals = { total_rows: r.rows[0].total_rows as number, total_cost: r.rows[0].total_cost as number, total_value: r.rows[0].total_value as number };
	else if (req.offset > 0) {
		// past the last page: count without the page
		const all = await cachedSql(`drivers/drill_${req.kind}`, sql, { ...params, limit: 1, offset: 0 }, version);
		if (all.ok && all.rows.length) totals = { total_rows: all.rows[0].total_rows as number, total_cost: all.rows[0].total_cost as number, total_value: all.rows[0].total_value as number };
	}
	const rows = r.rows.map((row) => {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(row)) if (!WINDOW_COLUMNS.includes(k)) out[k] = v;
		return out;
	});
	return { kind: req.kind, rows, ...totals, limit: req.limit, offset: req.offset, ms: Math.round(r.ms * 10) / 10 };
}

/** For streaming exports: the SQL and bound values of every matching row (no paging). */
export async function drillStatement(req: DrillRequest, scenario: Scenario, version?: string) {
	const sql = drillSql(req.kind, req.choice);
	const params = await drillParams({ ...req, limit: null, offset: 0 }, scenario, version);
	return { sql, values: bindFor(sql, params) };
}

export type ParsedDrill =
	| { ok: true; req: DrillRequest; scenario: Scenario; version: string | undefined }
	| { ok: false; status: 400 | 500; error: string };

/** `?kind=lines|contacts|deals[&m=dim:member][&q=][&limit=][&offset=]` plus filters and picks. */
export async function parseDrillRequest(search: URLSearchParams, paged = true): Promise<ParsedDrill> {
	const base = await parseDriversRequest(search, ['kind', 'm', 'q', 'limit', 'offset', 'dim']);
	if (!base.ok) return base;
	const kind = base.extra.kind ?? 'lines';
	if (!isDrillKind(kind)) return { ok: false, status: 400, error: `"kind" must be one of ${DRILL_KINDS.join(', ')}` };
	const m = parseDrillMember(base.extra.m ?? null);
	if (m === 'invalid') return { ok: false, status: 400, error: '"m" must be dimension:member, dimension:(none) or dimension:(unattributed)' };
	const q = base.extra.q ?? null;
	if (q !== null && q.length > MAX_SEARCH_LENGTH) return { ok: false, status: 400, error: `"q" is longer than ${MAX_SEARCH_LENGTH} characters` };
	const int = (s: string | undefined, d: number, max: number) => {
		if (s === undefined) return d;
		if (!/^\d{1,9}$/.test(s)) return NaN;
		return Math.min(Number(s), max);
	};
	const limit = paged ? int(base.extra.limit, DRILL_PAGE_SIZE, DRILL_MAX_LIMIT) : null;
	const offset = paged ? int(base.extra.offset, 0, 1e9) : 0;
	if (Number.isNaN(limit) || Number.isNaN(offset) || limit === 0) return { ok: false, status: 400, error: '"limit" (1–1000) and "offset" must be whole numbers' };
	const choice: MemberChoice = m === null ? { all: true } : m.kind === 'unattributed' ? { all: false, dim: m.dim, unattributed: true } : { all: false, dim: m.dim, unattributed: false, value: m.kind === 'value' ? m.value : null };
	return { ok: true, req: { kind, filters: base.filters, ratesPeriod: base.period, choice, q, limit, offset }, scenario: base.scenario, version: base.version };
}
