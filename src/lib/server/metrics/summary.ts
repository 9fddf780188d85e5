/**
 * GET /api/summary (DESIGN §6): the executive ledger for a period and filters under an assumption
 * scenario. The queries in queries/ledger/ return counts and sums; src/lib/metrics/ledger.ts turns them
 * into money with the scenario's assumptions. Independent queries run in parallel; the wallet estimate
 * waits for the gross margin it prices lost revenue with.
 */
import { filterParams, type MetricFilters } from '$lib/metrics/filters-type';
import { parseFilters, withPeriod } from '$lib/filters';
import { keywordPattern } from '$lib/metrics/keywords';
import { daysInPeriod, defaultPeriod } from '$lib/metrics/period';
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
import { runQuery, type Params } from '../db';
import { activeScenario, getScenario, type Scenario } from '../assumptions/store';
import { walletForFilters } from '../drivers/wallet';
import { VersionCache } from '../version-cache';

interface DataRange {
	data_version: string | null;
	first_order: string | null;
	last_order: string | null;
	order_lines: number;
	contacts: number;
	opportunities: number;
	inventory_snapshots: number;
}

/** A query failure: the route answers 500 with its message. */
export class SummaryError extends Error {}

/**
 * Query results by data version and parameters. The data change only through a load (which bumps
 * data_version); money assumptions are applied after the query, so an edited cost needs no entry. A
 * pending promise is cached too, so concurrent identical requests share one query.
 */
const cache = new VersionCache(500);

async function rows<T>(name: string, params: Params, timings: Record<string, number>, version?: string): Promise<T[]> {
	let ran = false;
	const p = cache.get(version, [name, params], () => {
		ran = true;
		return runQuery<T>(`ledger/${name}`, params).then((r) => {
			if (!r.ok) throw new SummaryError(`${r.error.query}: ${r.error.message}`);
			timings[name] = Math.round(r.ms * 10) / 10;
			return r.rows;
		});
	});
	if (!ran) timings[name] = 0;
	return p;
}

/** The bound parameters every ledger query takes. */
export function ledgerParams(filters: MetricFilters, a: Assumptions): Params {
	return { ...filterParams(filters), keyword_pattern: keywordPattern(a.keywords), baseline_days: a.baseline_days };
}

/** A ledger query's rows through the same cache the summary uses (e.g. the monthly trend re-reads them). */
export function ledgerRows<T>(name: string, params: Params, version?: string): Promise<T[]> {
	return rows<T>(name, params, {}, version);
}

/** The current data version, for callers outside /api/summary that want its cache. */
export async function dataVersion(): Promise<string | undefined> {
	const range = (await rows<DataRange>('data_range', {}, {}))[0];
	return range ? versionOf(range) : undefined;
}

/** What identifies the loaded data: the load counter plus the row counts (which catch direct edits). */
function versionOf(r: DataRange): string {
	return [r.data_version, r.order_lines, r.contacts, r.opportunities, r.inventory_snapshots, r.first_order, r.last_order].join('|');
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

export interface SummaryOptions {
	/** bootstrap resamples of the wallet estimate (tests lower it) */
	walletResamples?: number;
	/** the data version (see versionOf); given, query results are cached under it */
	version?: string;
}

/** Every figure of the ledger for complete filters under a scenario's assumptions. */
export async function ledgerSummary(filters: MetricFilters, scenario: Scenario, opts: SummaryOptions = {}) {
	const a = scenario.assumptions;
	const params = ledgerParams(filters, a);
	const timings: Record<string, number> = {};
	const t0 = performance.now();

	const v = opts.version;
	const ordersP = rows<OrdersRow>('orders', params, timings, v).then((r) => r[0] ?? ZERO_ORDERS);
	const walletP = ordersP.then(async (o) => {
		const t = performance.now();
		const w = await walletForFilters(filters, grossMargin(o, a).value, { resamples: opts.walletResamples, window: a.wallet_window_months });
		timings.wallet = Math.round((performance.now() - t) * 10) / 10;
		return w;
	});
	const [o, open, contacts, deals, holding, wallet, notes] = await Promise.all([
		ordersP,
		rows<OpenBackorderRow>('open_backorders', params, timings, v),
		rows<ContactGroupRow>('contacts', params, timings, v),
		rows<DealsRow>('deals_lost', params, timings, v).then(sumDeals),
		rows<HoldingRow>('holding', params, timings, v).then((r) => r[0] ?? NO_HOLDING),
		walletP,
		rows<DataNotesRow>('data_notes', { from: filters.from, to: filters.to }, timings, v).then((r) => r[0] ?? NO_NOTES)
	]);
	timings.total = Math.round((performance.now() - t0) * 10) / 10;
	return assemble(filters, scenario, { o, open, contacts, deals, holding, wallet: pickWallet(wallet), notes }, timings);
}

function pickWallet(w: WalletFigures): WalletFigures {
	const { treated_customers, did_pct, did_low, did_high, lost_revenue, lost_margin } = w;
	return { treated_customers, did_pct, did_low, did_high, lost_revenue, lost_margin };
}

interface Parts {
	o: OrdersRow;
	open: OpenBackorderRow[];
	contacts: ContactGroupRow[];
	deals: DealsRow;
	holding: HoldingRow;
	wallet: WalletFigures;
	notes: DataNotesRow;
}

/** Pure: query results + assumptions → the §6 JSON (plus period, filters, scenario and extras). */
export function assemble(filters: MetricFilters, scenario: Scenario, p: Parts, timings: Record<string, number> = {}, empty = false) {
	const a: Assumptions = scenario.assumptions;
	const gm = grossMargin(p.o, a);
	const days = daysInPeriod(filters);
	const source = backorderSource(p.notes, a.ship_grace_days);
	const measured = ordersFigures(p.o, p.open);
	// without a backorder source a 100% fill rate would be a claim the data cannot make
	const orders = source.kind === 'none' ? { ...measured, line_fill_rate: null, value_fill_rate: null } : measured;
	const service = serviceFigures(p.contacts, a);
	const sales = salesFigures(p.contacts, a);
	const cancellations = cancellationFigures(p.o, gm.value);
	const winloss = winLossFigures(p.deals, gm.value, a);
	const holding = holdingFigures(p.holding, days, a);
	const t = totals({
		service_cost: service.cost,
		sales_cost: sales.cost,
		sales_opportunity_cost: sales.opportunity_cost,
		cancelled_margin: cancellations.lost_margin,
		wallet_lost_margin: p.wallet.lost_margin,
		deals_expected_lost_margin: winloss.expected_lost_margin,
		savings: holding.savings
	});
	return {
		period: { from: filters.from, to: filters.to, days },
		filters: {
			segment: filters.segment ?? null,
			region: filters.region ?? null,
			category: filters.category ?? null,
			supplier: filters.supplier ?? null,
			sales_rep: filters.sales_rep ?? null,
			customer: filters.customer ?? null
		},
		scenario: { name: scenario.name, updated_at: scenario.updated_at },
		assumptions: a,
		currency: a.currency,
		empty,
		orders,
		service_kpis: serviceKpis(p.o, p.contacts),
		service,
		sales,
		cancellations,
		wallet: p.wallet,
		winloss,
		holding,
		gross_margin: gm.value,
		gross_margin_source: gm.source,
		backorder_source: source,
		data_notes: dataNotes(p.notes, source, gm),
		...t,
		timings_ms: timings
	};
}

export type LedgerSummary = ReturnType<typeof assemble>;
export type SummaryResponse = { status: 200; body: LedgerSummary } | { status: 400 | 500; body: { error: string } };

/** The whole request: parameters → 400, default period, scenario, figures. Never throws. */
export async function summaryResponse(search: URLSearchParams, opts: SummaryOptions = {}): Promise<SummaryResponse> {
	const parsed = parseFilters(search, ['scenario']);
	if (!parsed.ok) return { status: 400, body: { error: parsed.error } };
	try {
		const name = parsed.value.extra.scenario;
		const scenario = name ? await getScenario(name) : await activeScenario();
		if (!scenario) return { status: 400, body: { error: `no scenario named "${name!.slice(0, 60)}"` } };

		const range = (await rows<DataRange>('data_range', {}, {}))[0];
		const empty = !range || range.order_lines + range.contacts + range.opportunities + range.inventory_snapshots === 0;
		const f = parsed.value.filters;
		if (!range?.first_order || !range.last_order) {
			// nothing to take a default period from: zeros for the given period, or no period at all
			if (!f.from || !f.to) return { status: 200, body: emptySummary(f, scenario, empty) };
		}
		const fallback = range?.first_order && range.last_order ? defaultPeriod(range.first_order, range.last_order) : { from: f.from!, to: f.to! };
		const full = withPeriod(f, fallback);
		if (!full.ok) return { status: 400, body: { error: full.error } };
		const body = await ledgerSummary(full.value, scenario, { ...opts, version: range ? versionOf(range) : undefined });
		return { status: 200, body: { ...body, empty } };
	} catch (e) {
		console.error('summary:', e);
		return { status: 500, body: { error: e instanceof Error ? e.message : String(e) } };
	}
}

/** The answer for a database with no orders and no period given: zeros and nulls, `empty: true`. */
function emptySummary(f: Partial<MetricFilters>, scenario: Scenario, empty: boolean): LedgerSummary {
	const today = new Date().toISOString().slice(0, 10);
	const filters: MetricFilters = { ...f, from: f.from ?? f.to ?? today, to: f.to ?? f.from ?? today };
	const body = assemble(filters, scenario, { o: ZERO_ORDERS, open: [], contacts: [], deals: ZERO_DEALS, holding: NO_HOLDING, wallet: NO_WALLET, notes: NO_NOTES }, {}, empty);
	return { ...body, period: { from: null, to: null, days: null } } as unknown as LedgerSummary;
}
