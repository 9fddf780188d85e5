/**
 * GET /api/summary (DESIGN §6): the executive ledger for a period and filters under an assumption
 * scenario. The queries in queries/ledger/ return counts and sums; src/lib/metrics/ledger.ts turns them
 * into money with the scenario's assumptions. Independent queries run in parallel; the wallet estimate
 * waits for the gross margin it prices lost revenue with.
 */
import { checkCustomer } from '$lib/server/customers/lookup';
import { noSuchCustomer } from '$lib/customers/search';
import { filterParams, filterValues, type MetricFilters } from '$lib/metrics/filters-type';
import { parseFilters, withPeriod } from '$lib/filters';
import { keywordPattern } from '$lib/metrics/keywords';
import { daysInPeriod, defaultPeriod, isIsoDate } from '$lib/metrics/period';
import {
	cancellationFigures,
	grossMargin,
	holdingFigures,
	ordersFigures,
	salesFigures,
	serviceFigures,
	serviceKpis,
	totals,
	winLossFigures,
	type ContactGroupRow,
	sumDeals,
	type DealsRow,
	type HoldingRow,
	type OpenBackorderRow,
	type OrdersRow,
	type WalletFigures
} from '$lib/metrics/ledger';
import type { Assumptions } from '$lib/metrics/assumptions';
import { backorderSource, dataNotes, type DataNotesRow } from '$lib/metrics/data-notes';
import { rangeOverlapNotes, type DateRange } from '$lib/data/overlap';
import { activeFilters, componentScope, customerFiltered, inTotal, productFiltered, RATES_RULE, SCOPED, type ComponentScope, type Scoped } from '$lib/scope';
import { bindFor, readSql, runQuery, type Params } from '../db';
import { type Scenario } from '../assumptions/store';
import { requestedScenario } from '../assumptions/requested';
import { figureDeltas } from '$lib/ledger/figures';
import { scopedWallet } from '../scope/wallet';
import { byPlacement } from '../scope/placement';
import { VersionCache } from '../version-cache';
import { storedAnswer } from '../answer-store';
import { dataRange, dataVersion, versionOf } from '../data-version';
import type { Saving } from '$lib/backorders/counterfactual';

export { dataVersion };

/** A query failure: the route answers 500 with its message. */
export class SummaryError extends Error {}

/**
 * Query results by data version, query and the parameters that query binds (so a filter a query does not
 * read — a customer filter for the inventory — shares one entry). Money assumptions are applied after
 * the query, so an edited cost needs no entry. Pending promises are shared by concurrent requests.
 */
const cache = new VersionCache(500);

async function rows<T>(name: string, params: Params, timings: Record<string, number>, version?: string): Promise<T[]> {
	let ran = false;
	const bound = bindFor(readSql(`ledger/${name}`), params);
	const p = cache.get(version, [name, bound], () => {
		ran = true;
		return runQuery<T>(`ledger/${name}`, params).then((r) => {
			if (!r.ok) throw new SummaryError(`${r.error.query}: ${r.error.message}`);
			timings[name] = Math.round(r.ms * 10) / 10;
			return r.rows;
		});
	});
	if (!ran) timings[name] ??= 0;
	return p;
}

/** A row of queries/ledger/contacts.sql: a contact group, and whether an order line places its contacts. */
type ContactSqlRow = Omit<ContactGroupRow, 'in_scope'> & { placeable: boolean };
const CONTACT_SUMS = ['contacts', 'escalated', 'minutes', 'minutes_missing', 'csat_sum', 'csat_count'] as const;

/** Groups that differ only in `placeable` summed into one, in scope or not, in the query's order. */
function contactGroups(rows: ContactSqlRow[], in_scope: boolean): ContactGroupRow[] {
	const out = new Map<string, ContactGroupRow>();
	for (const { placeable, ...r } of rows) {
		void placeable;
		const key = `${r.month}|${r.team}|${r.channel}|${r.backorder_related}`;
		const g = out.get(key);
		if (!g) out.set(key, { ...r, in_scope });
		else for (const k of CONTACT_SUMS) g[k] += r[k];
	}
	return [...out.values()];
}

/** The period's contact groups under the filters (queries/ledger/contacts.sql; a product filter's scope: byPlacement). */
export async function ledgerContacts(params: Params, version?: string, timings: Record<string, number> = {}): Promise<ContactGroupRow[]> {
	const s = await byPlacement(params, (p) => rows<ContactSqlRow>('contacts', p, timings, version), (r) => !r.placeable);
	return [...contactGroups(s.inScope, true), ...contactGroups(s.notAttributable, false)];
}

interface TableRangeRow {
	table_name: string;
	first_date: string | null;
	last_date: string | null;
}

/** Each table's date range (queries/data/table_overview.sql, the data page's), for the overlap flags. */
function tableRanges(timings: Record<string, number>, version?: string): Promise<DateRange[]> {
	return cache.get(version, ['data/table_overview'], () =>
		runQuery<TableRangeRow>('data/table_overview').then((r) => {
			if (!r.ok) throw new SummaryError(`${r.error.query}: ${r.error.message}`);
			timings.table_ranges = Math.round(r.ms * 10) / 10;
			return r.rows.map((t) => ({ table: t.table_name, first: t.first_date, last: t.last_date }));
		})
	);
}

/** The bound parameters every ledger query takes. */
export function ledgerParams(filters: MetricFilters, a: Assumptions): Params {
	return { ...filterParams(filters), keyword_pattern: keywordPattern(a.keywords), baseline_days: a.baseline_days };
}

/** A ledger query's rows through the same cache the summary uses (e.g. the monthly trend re-reads them). */
export function ledgerRows<T>(name: string, params: Params, version?: string): Promise<T[]> {
	return rows<T>(name, params, {}, version);
}

const ZERO_ORDERS: OrdersRow = {
	lines: 0, backordered_lines: 0, ordered_value: 0, backordered_value: 0, backordered_qty: 0,
	avg_backorder_days: null, p90_backorder_days: null, filled_backorder_lines: 0, cancelled_lines: 0,
	cancelled_value: 0, promised_lines: 0, otif_lines: 0, promised_backorder_lines: 0,
	kept_backorder_promises: 0, cost_of_goods: 0, costed_revenue: 0
};
const ZERO_DEALS: DealsRow = { opportunities: 0, won: 0, lost: 0, no_bid: 0, lost_deals: 0, lost_value: 0 };
const NO_HOLDING: HoldingRow = { baseline_value: null, baseline_snapshots: 0, baseline_from: null, baseline_to: null, period_value: null, period_snapshots: 0 };
const NO_NOTES: DataNotesRow = { lines: 0, recorded: 0, shipments: 0, dates: 0, lost_or_no_bid: 0, lost_without_reason: 0, lost_zero_amount: 0 };
const NO_WALLET: WalletFigures = { treated_customers: 0, did_pct: null, did_low: null, did_high: null, lost_revenue: null, lost_margin: null };

/**
 * The rates every slice of a period is priced at (src/lib/scope.ts RATES_RULE): the gross margin of all
 * the period's lines and the win rate of all its opportunities.
 */
export async function periodRates(period: { from: string; to: string }, scenario: Scenario, version?: string) {
	const a = scenario.assumptions;
	const whole = ledgerParams({ from: period.from, to: period.to }, a);
	const [o, d] = await Promise.all([
		rows<OrdersRow>('orders', whole, {}, version).then((r) => r[0] ?? ZERO_ORDERS),
		rows<DealsRow>('deals_lost', whole, {}, version).then(sumDeals)
	]);
	const gm = grossMargin(o, a).value;
	return { gross_margin: gm, win_rate: winLossFigures(d, gm, a).win_rate };
}

export interface SummaryOptions {
	/** the data version (see data-version.ts); given, query results are cached under it */
	version?: string;
}

/** Answers whose fill-priority block failed (a database error): never kept in the file. */
const failed = new WeakSet<object>();

/**
 * Every figure of the ledger for complete filters under a scenario's assumptions: computed once per
 * data version, build and question, and kept in the database file (answer-store.ts), so a restart
 * answers what was asked before without recomputing it.
 */
export function ledgerSummary(filters: MetricFilters, scenario: Scenario, opts: SummaryOptions = {}): Promise<LedgerSummary> {
	return storedAnswer('ledger', opts.version, [filters, scenario], () => computeLedgerSummary(filters, scenario, opts), {
		keep: (v) => !failed.has(v),
		fromFile: (v, ms) => ({ ...v, timings_ms: { stored_answer: ms } }),
		fromMemory: (v, ms) => ({ ...v, timings_ms: { cached: ms } })
	});
}

/** ledgerSummary without the kept answers: the warm-up fills the in-memory caches with it. */
export async function computeLedgerSummary(filters: MetricFilters, scenario: Scenario, opts: SummaryOptions = {}) {
	const a = scenario.assumptions;
	const params = ledgerParams(filters, a);
	const period = { from: filters.from, to: filters.to };
	// the rates every slice is priced with: the period's, over all customers and products (src/lib/scope.ts)
	const whole = ledgerParams(period, a);
	const timings: Record<string, number> = {};
	const t0 = performance.now();
	const v = opts.version;
	const cf = customerFiltered(filters);
	const pf = productFiltered(filters);

	const ordersP = rows<OrdersRow>('orders', params, timings, v).then((r) => r[0] ?? ZERO_ORDERS);
	const wholeOrdersP = cf || pf ? rows<OrdersRow>('orders', whole, timings, v).then((r) => r[0] ?? ZERO_ORDERS) : ordersP;
	// the holding rule's denominator: the cost of goods of the product filters alone
	const productOnlyP = cf
		? rows<OrdersRow>('orders', ledgerParams({ ...period, category: filters.category, supplier: filters.supplier, sku: filters.sku }, a), timings, v).then((r) => r[0] ?? ZERO_ORDERS)
		: ordersP;
	const walletP = wholeOrdersP.then(async (o) => {
		const t = performance.now();
		const w = await scopedWallet(filters, grossMargin(o, a).value, { window: a.wallet_window_months, version: v });
		timings.wallet = Math.round((performance.now() - t) * 10) / 10;
		return w;
	});
	// after the wallet estimate, whose by-bucket effects it reads from the estimator's cache; its lines are
	// read meanwhile
	void import('../backorders/saving').then((m) => m.prefetchHistory(filters, v)).catch(() => {});
	const fillP = walletP.catch(() => null).then(() => fillPriority(filters, scenario, opts, timings));
	const [o, wholeOrders, productOnly, open, contacts, deals, wholeDeals, holding, wallet, notes, ranges, fill] = await Promise.all([
		ordersP,
		wholeOrdersP,
		productOnlyP,
		rows<OpenBackorderRow>('open_backorders', params, timings, v),
		ledgerContacts(params, v, timings),
		rows<DealsRow>('deals_lost', params, timings, v).then(sumDeals),
		rows<DealsRow>('deals_lost', whole, timings, v).then(sumDeals),
		rows<HoldingRow>('holding', params, timings, v).then((r) => r[0] ?? NO_HOLDING),
		walletP,
		rows<DataNotesRow>('data_notes', { from: filters.from, to: filters.to }, timings, v).then((r) => r[0] ?? NO_NOTES),
		tableRanges(timings, v),
		fillP
	]);
	timings.total = Math.round((performance.now() - t0) * 10) / 10;
	const body = assemble(filters, scenario, { o, wholeOrders, productOnlyCogs: productOnly.cost_of_goods, open, contacts, deals, wholeDeals, holding, wallet, notes, ranges, fill: fill.block }, timings);
	if (fill.failed) failed.add(body);
	return body;
}

/**
 * What filling by priority instead of order date would have saved (issue 18; src/lib/backorders/
 * counterfactual.ts): a counterfactual beside the ledger, never in its total. Loaded lazily (the fill
 * queue's rates read this module's ledger rows); a failure leaves it n/a with the reason, not a 500.
 */
async function fillPriority(filters: MetricFilters, scenario: Scenario, opts: SummaryOptions, timings: Record<string, number>): Promise<{ block: FillPriority; failed: boolean }> {
	const t = performance.now();
	try {
		const { fillPrioritySaving } = await import('../backorders/saving');
		const s = await fillPrioritySaving(filters, scenario, opts.version);
		return { block: fillBlock(s, null), failed: false };
	} catch (e) {
		console.error('fill priority:', e);
		return { block: fillBlock(null, e instanceof Error ? e.message : String(e)), failed: true };
	} finally {
		timings.fill_priority = Math.round((performance.now() - t) * 10) / 10;
	}
}

export interface FillPriority {
	label: string;
	counterfactual: true;
	in_total: false;
	saving: number | null;
	low: number | null;
	high: number | null;
	wallet_saving: number | null;
	contact_saving: number | null;
	lines: number;
	moved: number;
	reason: string | null;
	interval_reason: string | null;
}

const FILL_LABEL = 'What filling backorders by priority instead of order date would have saved over the period (a counterfactual, outside the total)';

export function fillBlock(s: Saving | null, error: string | null): FillPriority {
	const base = { label: FILL_LABEL, counterfactual: true as const, in_total: false as const };
	if (!s) return { ...base, saving: null, low: null, high: null, wallet_saving: null, contact_saving: null, lines: 0, moved: 0, reason: error, interval_reason: null };
	const { saving, low, high, wallet_saving, contact_saving, lines, moved, reason, interval_reason } = s;
	return { ...base, saving, low, high, wallet_saving, contact_saving, lines, moved, reason, interval_reason };
}

export interface Parts {
	/** the order lines within the filters */
	o: OrdersRow;
	/** all order lines of the period: the gross margin every slice is priced at */
	wholeOrders: OrdersRow;
	/** cost of goods of the period's lines within the product filters alone (the holding rule) */
	productOnlyCogs: number;
	open: OpenBackorderRow[];
	contacts: ContactGroupRow[];
	deals: DealsRow;
	/** all opportunities of the period: the win rate every slice is priced at */
	wholeDeals: DealsRow;
	holding: HoldingRow;
	wallet: WalletFigures & { population_share?: number; not_estimable?: string | null };
	/** where the period's backorders come from, and the gaps of its data (whole company) */
	notes: DataNotesRow;
	/** each table's date range: tables that do not overlap the orders are flagged (DESIGN §2.1) */
	ranges?: readonly DateRange[];
	/** the fill-priority counterfactual (absent: not computed) */
	fill?: FillPriority;
}

type ScopeEntry = ComponentScope & { not_attributable: number | null };

/** Pure: query results + assumptions → the §6 JSON (plus period, filters, scope, scenario and extras). */
export function assemble(filters: MetricFilters, scenario: Scenario, p: Parts, timings: Record<string, number> = {}, empty = false) {
	const a: Assumptions = scenario.assumptions;
	const scope = (k: Scoped) => componentScope(k, filters);
	const gm = grossMargin(p.wholeOrders, a);
	const own = grossMargin(p.o, a);
	const days = daysInPeriod(filters);
	const source = backorderSource(p.notes, a.ship_grace_days);
	const measured = ordersFigures(p.o, p.open);
	// without a backorder source a 100% fill rate would be a claim the data cannot make
	const orders = source.kind === 'none' ? { ...measured, line_fill_rate: null, value_fill_rate: null } : measured;

	// contacts a product filter cannot place are left out, their cost shown beside (src/lib/scope.ts)
	const placed = p.contacts.filter((r) => r.in_scope !== false);
	const unplaced = p.contacts.filter((r) => r.in_scope === false);
	const service = serviceFigures(placed, a);
	const sales = salesFigures(placed, a);
	const unplacedSales = salesFigures(unplaced, a);
	const cancellations = cancellationFigures(p.o, gm.value);

	const deals = winLossFigures(p.deals, gm.value, a, p.wholeDeals);
	const dealsIn = inTotal(scope('winloss').status);
	// a filter that cannot reach deals has no figure for them: n/a, with the amount in the scope block
	const winloss: Omit<typeof deals, 'lost_deals' | 'lost_value' | 'expected_lost_margin'> & {
		lost_deals: number | null;
		lost_value: number | null;
		expected_lost_margin: number | null;
	} = dealsIn ? deals : { ...deals, lost_deals: null, lost_value: null, expected_lost_margin: null };

	// a customer filter takes its customers' share of the cost of goods of the inventory's products
	const holdingShare = customerFiltered(filters) ? (p.productOnlyCogs > 0 ? p.o.cost_of_goods / p.productOnlyCogs : null) : 1;
	const rawHolding = holdingFigures(p.holding, days, a);
	const scaled = (x: number | null) => (x === null || holdingShare === null ? null : x * holdingShare);
	const holding = {
		...rawHolding,
		baseline_value: scaled(rawHolding.baseline_value),
		period_value: scaled(rawHolding.period_value),
		savings: scaled(rawHolding.savings),
		attributed_share: customerFiltered(filters) ? holdingShare : null
	};

	const t = totals({
		service_cost: service.cost,
		sales_cost: sales.cost,
		sales_opportunity_cost: sales.opportunity_cost,
		cancelled_margin: cancellations.lost_margin,
		wallet_lost_margin: p.wallet.lost_margin,
		deals_expected_lost_margin: winloss.expected_lost_margin ?? 0,
		savings: holding.savings
	});

	const notAttributable: Partial<Record<Scoped, number>> = {};
	if (productFiltered(filters)) {
		notAttributable.service = serviceFigures(unplaced, a).cost;
		notAttributable.sales = unplacedSales.cost + unplacedSales.opportunity_cost;
	}
	if (!dealsIn) notAttributable.winloss = deals.expected_lost_margin ?? 0;
	const components = Object.fromEntries(
		SCOPED.map((k): [Scoped, ScopeEntry] => [k, { ...scope(k), not_attributable: notAttributable[k] ?? null }])
	) as Record<Scoped, ScopeEntry>;

	return {
		period: { from: filters.from, to: filters.to, days },
		filters: filterValues(filters),
		scenario: { name: scenario.name, updated_at: scenario.updated_at },
		assumptions: a,
		currency: a.currency,
		empty,
		orders,
		service_kpis: serviceKpis(p.o, placed),
		service,
		sales,
		cancellations,
		wallet: { ...p.wallet, not_estimable: p.wallet.not_estimable ?? null },
		/** why the share-of-wallet decline has no estimate; the totals then exclude it (null: included) */
		wallet_not_estimable: p.wallet.not_estimable ?? null,
		winloss,
		holding,
		gross_margin: gm.value,
		gross_margin_source: gm.source,
		backorder_source: source,
		data_notes: [...dataNotes(p.notes, source, gm), ...rangeOverlapNotes(p.ranges ?? [])],
		...t,
		fill_priority: p.fill ?? fillBlock(null, 'not computed'),
		scope: {
			filters: activeFilters(filters),
			components,
			/** money left out of total_backorder_cost because no rule places it on these filters */
			not_attributable_total: Object.values(notAttributable).reduce((s, x) => s + (x ?? 0), 0),
			rates: {
				rule: RATES_RULE,
				gross_margin: gm.value,
				win_rate: deals.win_rate,
				/** the filtered lines' own gross margin, for comparison (null when it cannot be computed) */
				gross_margin_in_filter: own.source === 'data' ? own.value : null
			}
		},
		timings_ms: timings
	};
}

export type LedgerSummary = ReturnType<typeof assemble>;
export type SummaryResponse = { status: 200; body: LedgerSummary & { compare?: Omit<LedgerSummary, 'timings_ms'> & { deltas: Record<string, number | null> } } } | { status: 400 | 500; body: { error: string } };

/** The whole request: parameters → 400, default period, scenario, figures. Never throws. */
export async function summaryResponse(search: URLSearchParams, opts: SummaryOptions = {}): Promise<SummaryResponse> {
	const parsed = parseFilters(search, ['scenario', 'compare_from', 'compare_to']);
	if (!parsed.ok) return { status: 400, body: { error: parsed.error } };
	const second = parseComparePeriod(parsed.value.extra);
	if (!second.ok) return { status: 400, body: { error: second.error } };
	try {
		const requested = await requestedScenario(parsed.value.extra.scenario);
		if (!requested.ok) return { status: 400, body: { error: requested.error } };
		const scenario = requested.scenario;

		const range = await dataRange();
		const empty = !range || range.order_lines + range.contacts + range.opportunities + range.inventory_snapshots === 0;
		const f = parsed.value.filters;
		if (!range?.first_order || !range.last_order) {
			// nothing to take a default period from: zeros for the given period, or no period at all
			if (!f.from || !f.to) return { status: 200, body: emptySummary(f, scenario, empty) };
		}
		const fallback = range?.first_order && range.last_order ? defaultPeriod(range.first_order, range.last_order) : { from: f.from!, to: f.to! };
		const full = withPeriod(f, fallback);
		if (!full.ok) return { status: 400, body: { error: full.error } };
		const version = range ? versionOf(range) : undefined;
		// a customer filter that names no customer would price to $0: say so instead (cached per data version)
		if (full.value.customer && !(await checkCustomer(full.value.customer, version)).known) {
			return { status: 400, body: { error: noSuchCustomer(full.value.customer) } };
		}
		const cmp = second.value;
		const [body, other] = await Promise.all([
			ledgerSummary(full.value, scenario, { ...opts, version }),
			cmp ? ledgerSummary({ ...full.value, ...cmp }, scenario, { ...opts, version }) : Promise.resolve(null)
		]);
		if (!other) return { status: 200, body: { ...body, empty } };
		// the second period: the same figures under the same filters and scenario, and this period − that one
		const { timings_ms: _t, ...figures } = other;
		void _t;
		return { status: 200, body: { ...body, empty, compare: { ...figures, deltas: figureDeltas(body, other) } } };
	} catch (e) {
		console.error('summary:', e);
		return { status: 500, body: { error: e instanceof Error ? e.message : String(e) } };
	}
}

/** compare_from/compare_to: both or neither, real dates, in order (a 400 names what is wrong). */
function parseComparePeriod(extra: Record<string, string>): { ok: true; value: { from: string; to: string } | null } | { ok: false; error: string } {
	const { compare_from: from, compare_to: to } = extra;
	if (!from && !to) return { ok: true, value: null };
	if (!from || !to) return { ok: false, error: 'give both "compare_from" and "compare_to", or neither' };
	for (const [k, v] of [['compare_from', from], ['compare_to', to]]) {
		if (!isIsoDate(v)) return { ok: false, error: `"${k}" must be a real date YYYY-MM-DD, got "${v.slice(0, 40)}"` };
	}
	if (from > to) return { ok: false, error: `"compare_from" (${from}) is after "compare_to" (${to})` };
	return { ok: true, value: { from, to } };
}

/** The answer for a database with no orders and no period given: zeros and nulls, `empty: true`. */
function emptySummary(f: Partial<MetricFilters>, scenario: Scenario, empty: boolean): LedgerSummary {
	const today = new Date().toISOString().slice(0, 10);
	const filters: MetricFilters = { ...f, from: f.from ?? f.to ?? today, to: f.to ?? f.from ?? today };
	const none = { o: ZERO_ORDERS, wholeOrders: ZERO_ORDERS, productOnlyCogs: 0, open: [], contacts: [], deals: ZERO_DEALS, wholeDeals: ZERO_DEALS, holding: NO_HOLDING, wallet: NO_WALLET, notes: NO_NOTES };
	const body = assemble(filters, scenario, none, {}, empty);
	return { ...body, period: { from: null, to: null, days: null } } as unknown as LedgerSummary;
}
