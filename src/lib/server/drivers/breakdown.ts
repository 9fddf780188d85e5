/**
 * GET /api/breakdown and the /drivers page: the ledger broken down by one dimension (table, Pareto) or
 * two (heat map). The three SQL sources run in parallel beside the ledger summary of the same filters,
 * which supplies the rates the breakdown must price with (gross margin, win rate) and the wallet loss it
 * places on customers; query results are cached by data version like the summary's.
 */
import {
	applyPicks,
	attributable,
	isDimension,
	readPicks,
	type Dimension,
	type DriverFilters,
	type Pick
} from '$lib/drivers/dimensions';
import {
	assembleBreakdown,
	summaryComponents,
	type BreakdownResult,
	type ContactsMemberRow,
	type DealsMemberRow,
	type LinesMemberRow,
	type WalletMemberRow
} from '$lib/drivers/breakdown';
import { proRata } from '$lib/drivers/wallet-share';
import { parseFilters, withPeriod } from '$lib/filters';
import { keywordPattern } from '$lib/metrics/keywords';
import { defaultPeriod } from '$lib/metrics/period';
import type { MetricFilters } from '$lib/metrics/filters-type';
import { runSql, runQuery, type Params } from '../db';
import { activeScenario, getScenario, type Scenario } from '../assumptions/store';
import { dataVersion, ledgerSummary } from '../metrics/summary';
import { breakdownSql, driverParams, type Source } from './sql';
import { VersionCache } from '../version-cache';
import { passesPersonFilters, treatedCustomers, type TreatedCustomer } from './wallet';

const cache = new VersionCache(300);

/** Rows of a source by dimension(s), cached by data version + SQL + parameters. */
function sourceRows<T>(source: Source, dim: Dimension, dim2: Dimension | null, params: Params, version: string | undefined): Promise<T[]> {
	return cache.get(version, [source, dim, dim2, params], () =>
		runSql<T>(`drivers/${source}`, breakdownSql(source, dim, dim2), params).then((r) => {
			if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
			return r.rows;
		})
	);
}

/** A treated customer's member of a dimension, or undefined when the dimension cannot place it. */
function walletMember(t: TreatedCustomer, dim: Dimension): { member: string | null; label: string | null } | undefined {
	switch (dim) {
		case 'customer':
			return { member: t.id, label: t.name };
		case 'segment':
		case 'region':
		case 'sales_rep':
			return { member: t[dim], label: null };
		case 'month':
			return { member: t.month, label: null };
		default:
			return undefined;
	}
}

/** The wallet loss placed on members pro rata to treated customers' pre revenue; the rest unattributed. */
export function walletRows(lost: number, treated: readonly TreatedCustomer[], dim: Dimension, dim2: Dimension | null): WalletMemberRow[] {
	if (!(lost > 0)) return [];
	const placeable = attributable(dim).wallet_lost_margin && (dim2 === null || attributable(dim2).wallet_lost_margin);
	const shares = proRata(lost, treated.map((t) => t.pre));
	if (!placeable || treated.length === 0 || shares.every((s) => s === 0)) {
		return [{ attributed: false, member: null, member2: null, label: null, treated: treated.length, lost_margin: lost }];
	}
	return treated.map((t, i) => {
		const m = walletMember(t, dim)!;
		const m2 = dim2 ? walletMember(t, dim2)! : { member: null };
		return { attributed: true, member: m.member, member2: m2.member, label: m.label, treated: 1, lost_margin: shares[i] };
	});
}

export interface BreakdownOptions {
	version?: string;
	walletResamples?: number;
}

export type Breakdown = BreakdownResult & {
	dim: Dimension;
	dim2: Dimension | null;
	filters: DriverFilters;
	/** the ledger's components for the same filters; null under a SKU or channel pick (no ledger filter) */
	summary: ReturnType<typeof summaryComponents> | null;
	rates: { gross_margin: number; win_rate: number };
	currency: string;
	/** components this dimension cannot place on members */
	unplaceable: string[];
	/** the wallet block is left out under a SKU or channel restriction */
	wallet_excluded: boolean;
	ms: number;
};

/**
 * The breakdown for complete filters (picks already applied). Under a SKU or channel restriction the
 * ledger has no such filter: rates come from the ledger of the other filters, and the wallet loss — a
 * customer-level estimate — is left out.
 */
export async function breakdown(f: DriverFilters, dim: Dimension, dim2: Dimension | null, scenario: Scenario, opts: BreakdownOptions = {}): Promise<Breakdown> {
	if (!isDimension(dim) || (dim2 !== null && !isDimension(dim2))) throw new Error('unknown dimension');
	const t0 = performance.now();
	const a = scenario.assumptions;
	const ledgerFilters: MetricFilters = { ...f };
	delete (ledgerFilters as DriverFilters).sku;
	delete (ledgerFilters as DriverFilters).channel;
	const restricted = f.sku != null || f.channel != null;
	const params = driverParams(f, keywordPattern(a.keywords));
	const v = opts.version;
	const [summary, lines, contacts, deals] = await Promise.all([
		ledgerSummary(ledgerFilters, scenario, { version: v, walletResamples: opts.walletResamples }),
		sourceRows<LinesMemberRow>('lines', dim, dim2, params, v),
		sourceRows<ContactsMemberRow>('contacts', dim, dim2, params, v),
		sourceRows<DealsMemberRow>('deals', dim, dim2, params, v)
	]);
	const lost = restricted ? 0 : (summary.wallet.lost_margin ?? 0);
	let wallet: WalletMemberRow[] = [];
	if (lost > 0) {
		const population = { ...ledgerFilters, sales_rep: null, customer: null };
		const treated = (await treatedCustomers(population, a.wallet_window_months)).filter((t) => passesPersonFilters(t, ledgerFilters));
		wallet = walletRows(lost, treated, dim, dim2);
	}
	const rates = { gross_margin: summary.gross_margin, win_rate: summary.winloss.win_rate };
	const result = assembleBreakdown({ lines, contacts, deals, wallet }, rates, a);
	const can = attributable(dim);
	const can2 = dim2 ? attributable(dim2) : can;
	const unplaceable = (Object.keys(can) as (keyof typeof can)[]).filter((k) => !can[k] || !can2[k]);
	return {
		...result,
		dim,
		dim2,
		filters: f,
		summary: restricted ? null : summaryComponents(summary),
		rates,
		currency: a.currency,
		unplaceable,
		wallet_excluded: restricted,
		ms: Math.round((performance.now() - t0) * 10) / 10
	};
}

export type ParsedRequest =
	| { ok: true; filters: DriverFilters; picks: Pick[]; scenario: Scenario; version: string | undefined; extra: Record<string, string> }
	| { ok: false; status: 400 | 500; error: string };

interface RangeRow {
	first_order: string | null;
	last_order: string | null;
}

/**
 * The shared request parsing of the drivers API: filters (400 on bad ones), picks applied as filters,
 * the default period, the scenario. `extra` names the endpoint's own parameters.
 */
export async function parseDriversRequest(search: URLSearchParams, extra: readonly string[]): Promise<ParsedRequest> {
	const plain = new URLSearchParams();
	for (const [k, v] of search) if (k !== 'pick') plain.append(k, v);
	const parsed = parseFilters(plain, ['scenario', ...extra]);
	if (!parsed.ok) return { ok: false, status: 400, error: parsed.error };
	const raw = search.getAll('pick');
	const picks = readPicks(search);
	if (picks.length !== raw.length) return { ok: false, status: 400, error: `invalid pick; expected dimension:value with dimension one of the breakdown dimensions` };
	try {
		const name = parsed.value.extra.scenario;
		const scenario = name ? await getScenario(name) : await activeScenario();
		if (!scenario) return { ok: false, status: 400, error: `no scenario named "${name!.slice(0, 60)}"` };
		const range = await runQuery<RangeRow>('data_range');
		if (!range.ok) return { ok: false, status: 500, error: range.error.message };
		const r = range.rows[0];
		const f = parsed.value.filters;
		const fallback = r?.first_order && r.last_order ? defaultPeriod(r.first_order, r.last_order) : f.from && f.to ? { from: f.from, to: f.to } : null;
		if (!fallback) return { ok: false, status: 400, error: 'no data is loaded; give from and to' };
		const full = withPeriod(f, fallback);
		if (!full.ok) return { ok: false, status: 400, error: full.error };
		const applied = applyPicks(full.value, picks);
		if (!applied.ok) return { ok: false, status: 400, error: applied.reason };
		return { ok: true, filters: applied.filters, picks, scenario, version: await dataVersion(), extra: parsed.value.extra };
	} catch (e) {
		return { ok: false, status: 500, error: e instanceof Error ? e.message : String(e) };
	}
}
