/**
 * GET /api/breakdown and the /drivers page: the ledger broken down by one dimension (table, Pareto) or
 * two (heat map). The three SQL sources run in parallel with the period's rates (gross margin, win rate:
 * the same for every slice, src/lib/scope.ts) and the company's share-of-wallet estimate, which is placed
 * on members by the rule of src/lib/ledger/wallet-scope.ts. Every source applies the filters' scope as
 * the ledger does, so the members plus "unattributed" equal /api/summary's total for the same filters,
 * and a picked member's figures (its filter applied) equal its row. Rows a filter cannot reach (deals
 * under a product filter, lines and deals under a channel pick) come back as `not_attributable`, beside
 * the total, never in it. Results are cached by data version like the summary's.
 */
import {
	applyPicks,
	attributable,
	isDimension,
	PRODUCT_DIMS,
	readPicks,
	type Dimension,
	type DriverFilters,
	type Pick
} from '$lib/drivers/dimensions';
import {
	assembleBreakdown,
	type BreakdownResult,
	type ContactsMemberRow,
	type DealsMemberRow,
	type LinesMemberRow,
	type WalletMemberRow
} from '$lib/drivers/breakdown';
import { parseFilters, withPeriod } from '$lib/filters';
import { keywordPattern } from '$lib/metrics/keywords';
import { defaultPeriod } from '$lib/metrics/period';
import { productFiltered } from '$lib/scope';
import { filterNotEstimable, treatedParts } from '$lib/ledger/wallet-scope';
import { runSql, type Params } from '../db';
import { type Scenario } from '../assumptions/store';
import { requestedScenario } from '../assumptions/requested';
import { periodRates } from '../metrics/summary';
import { dataRange, versionOf } from '../data-version';
import { companyWallet, incidentRows, productShares, type IncidentRow, type TreatedCustomer } from '../scope/wallet';
import { breakdownSql, driverParams, linesByMonth, splitsContacts, type Source } from './sql';
import { VersionCache } from '../version-cache';
import { byPlacement, NO_PRODUCT } from '../scope/placement';
import { storedAnswer } from '../answer-store';

const cache = new VersionCache(300);

/**
 * Rows of a source by dimension(s), cached by data version + SQL + parameters. An opportunity names no
 * product: the deals read the product filters only for whether one is set (derived.deals_in_scope), so
 * every product filter set shares one entry of them (the values are replaced by one placeholder).
 */
function sourceRows<T>(source: Source, dim: Dimension, dim2: Dimension | null, asked: Params, version: string | undefined): Promise<T[]> {
	const params = source === 'deals' ? { ...asked, ...productSetOnly(asked) } : asked;
	return cache.get(version, [source, dim, dim2, params], () =>
		runSql<T>(`drivers/${source}`, breakdownSql(source, dim, dim2), params).then((r) => {
			if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
			return r.rows;
		})
	);
}

const productSetOnly = (p: Params) => ({ ...NO_PRODUCT, category: productFiltered(p as DriverFilters) ? '*' : null });

/** The contacts source of a breakdown (a product filter's scope: byPlacement; placed on products to tell the unplaced). */
export async function contactsSource(dim: Dimension, dim2: Dimension | null, params: Params, version: string | undefined): Promise<ContactsMemberRow[]> {
	type Row = ContactsMemberRow & { placed: boolean };
	const strip = ({ placed, ...r }: Row, in_scope: boolean): ContactsMemberRow => (void placed, { ...r, in_scope });
	const s = await byPlacement(params, (p) => sourceRows<Row>('contacts', dim, dim2, p, version), (r) => !r.placed, { ...NO_PRODUCT, split: true });
	return [...s.inScope.map((r) => strip(r, true)), ...s.notAttributable.map((r) => strip(r, false))];
}

type Member = { member: string | null; label: string | null };

/** A treated customer's member of a customer dimension or of its incident month. */
function customerMember(t: TreatedCustomer, dim: Dimension): Member {
	switch (dim) {
		case 'customer':
			return { member: t.id, label: t.name };
		case 'segment':
		case 'region':
		case 'sales_rep':
			return { member: t[dim], label: null };
		default:
			return { member: t.month, label: null };
	}
}

const productMember = (r: IncidentRow, dim: Dimension): Member => ({ member: r[dim as 'sku' | 'category' | 'supplier'], label: null });

/**
 * The wallet loss on members: each treated customer's part (treatedParts) of the company's loss, on its
 * customer attributes and incident month, or — over products — split by its incident month's backordered
 * value per product. `lost` is the company's lost margin for the rates period; a month pick keeps the
 * customers whose incident month lies in the picked period. Under a channel pick none is in scope.
 */
export function walletRows(
	lost: number,
	treated: readonly TreatedCustomer[],
	f: DriverFilters,
	dims: readonly Dimension[],
	incident: readonly IncidentRow[] | null
): WalletMemberRow[] {
	if (!(lost > 0) || !treated.length) return [];
	const products = productFiltered(f) && incident ? productShares(incident) : null;
	const parts = treatedParts(treated, f, products);
	const inScope = f.channel == null;
	const placeable = inScope && dims.every((d) => attributable(d).wallet_lost_margin);
	const byProduct = dims.some((d) => PRODUCT_DIMS.includes(d));
	const rowsOf = new Map<string, IncidentRow[]>();
	for (const r of incident ?? []) rowsOf.set(r.customer_id, [...(rowsOf.get(r.customer_id) ?? []), r]);
	const fromMonth = f.from.slice(0, 7);
	const toMonth = f.to.slice(0, 7);
	const out: WalletMemberRow[] = [];
	const rest = { attributed: false, member: null, member2: null, label: null, treated: 0, lost_margin: 0, in_scope: inScope };
	treated.forEach((t, i) => {
		const value = lost * parts[i];
		if (!(value > 0) || t.month < fromMonth || t.month > toMonth) return;
		if (!placeable) {
			rest.treated += 1;
			rest.lost_margin += value;
			return;
		}
		const pieces: { r: IncidentRow | null; w: number }[] = [];
		if (byProduct) {
			const rs = rowsOf.get(t.id) ?? [];
			const sum = rs.reduce((s, r) => s + r.value, 0);
			for (const r of rs) if (sum > 0) pieces.push({ r, w: r.value / sum });
		} else pieces.push({ r: null, w: 1 });
		for (const { r, w } of pieces) {
			const [m1, m2] = dims.map((d) => (PRODUCT_DIMS.includes(d) ? productMember(r!, d) : customerMember(t, d)));
			out.push({ attributed: true, member: m1.member, member2: m2?.member ?? null, label: m1.label, treated: w, lost_margin: value * w, in_scope: true });
		}
	});
	if (rest.lost_margin > 0) out.push(rest);
	return out;
}

export interface BreakdownOptions {
	version?: string;
	/** the period whose rates and wallet estimate price the view (before a month pick narrowed it) */
	ratesPeriod?: { from: string; to: string };
}

export type Breakdown = BreakdownResult & {
	dim: Dimension;
	dim2: Dimension | null;
	filters: DriverFilters;
	rates: { gross_margin: number; win_rate: number };
	currency: string;
	/** components this dimension cannot place on members */
	unplaceable: string[];
	/** why the company's share-of-wallet loss for the period cannot be estimated (then n/a, not $0) */
	wallet_not_estimable: string | null;
	ms: number;
};

/** The breakdown for complete filters (picks already applied). */
export function breakdown(f: DriverFilters, dim: Dimension, dim2: Dimension | null, scenario: Scenario, opts: BreakdownOptions = {}): Promise<Breakdown> {
	if (!isDimension(dim) || (dim2 !== null && !isDimension(dim2))) return Promise.reject(new Error('unknown dimension'));
	const ratesPeriod = opts.ratesPeriod ?? { from: f.from, to: f.to };
	// kept in the database file like the ledger (answer-store.ts): a restart answers what was asked before
	return storedAnswer('breakdown', opts.version, [f, dim, dim2, scenario, ratesPeriod], () => computeBreakdown(f, dim, dim2, scenario, opts), {
		fromFile: (b, ms) => ({ ...b, ms }),
		fromMemory: (b, ms) => ({ ...b, ms })
	});
}

async function computeBreakdown(f: DriverFilters, dim: Dimension, dim2: Dimension | null, scenario: Scenario, opts: BreakdownOptions): Promise<Breakdown> {
	const t0 = performance.now();
	const a = scenario.assumptions;
	const dims = dim2 ? [dim, dim2] : [dim];
	const ratesPeriod = opts.ratesPeriod ?? { from: f.from, to: f.to };
	const params = { ...driverParams(f, keywordPattern(a.keywords), splitsContacts(dims)), by_month: linesByMonth(f, dims) };
	const v = opts.version;
	const ratesP = periodRates(ratesPeriod, scenario, v);
	const walletP = ratesP.then(async (rates) => {
		const { est, treated } = await companyWallet(ratesPeriod, rates.gross_margin, { window: a.wallet_window_months, version: v });
		const needsIncident = productFiltered(f) || dims.some((d) => PRODUCT_DIMS.includes(d));
		const incident = needsIncident ? await incidentRows({ ...f, ...ratesPeriod }, dims.some((d) => PRODUCT_DIMS.includes(d)), v) : null;
		return { rows: walletRows(est.lost_margin ?? 0, treated, f, dims, incident), not_estimable: est.not_estimable ?? filterNotEstimable(treated, f) };
	});
	const [rates, lines, contacts, deals, wallet] = await Promise.all([
		ratesP,
		sourceRows<LinesMemberRow>('lines', dim, dim2, params, v),
		contactsSource(dim, dim2, params, v),
		sourceRows<DealsMemberRow>('deals', dim, dim2, params, v),
		walletP
	]);
	const result = assembleBreakdown({ lines, contacts, deals, wallet: wallet.rows }, rates, a);
	const can = attributable(dim);
	const can2 = dim2 ? attributable(dim2) : can;
	const unplaceable = (Object.keys(can) as (keyof typeof can)[]).filter((k) => !can[k] || !can2[k]);
	return { ...result, dim, dim2, filters: f, rates, currency: a.currency, unplaceable, wallet_not_estimable: wallet.not_estimable, ms: Math.round((performance.now() - t0) * 10) / 10 };
}

export type ParsedRequest =
	| {
			ok: true;
			/** the filters with every pick applied: what the view computes */
			filters: DriverFilters;
			/** the filters as asked, before the picks narrowed them: what a header names beside the picks */
			base: DriverFilters;
			/** the view's period before a month pick narrowed it: its rates price the view */
			period: { from: string; to: string };
			picks: Pick[];
			scenario: Scenario;
			version: string | undefined;
			extra: Record<string, string>;
	  }
	| { ok: false; status: 400 | 500; error: string };

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
		const requested = await requestedScenario(parsed.value.extra.scenario);
		if (!requested.ok) return { ok: false, status: 400, error: requested.error };
		const scenario = requested.scenario;
		const r = await dataRange();
		const f = parsed.value.filters;
		const fallback = r?.first_order && r.last_order ? defaultPeriod(r.first_order, r.last_order) : f.from && f.to ? { from: f.from, to: f.to } : null;
		if (!fallback) return { ok: false, status: 400, error: 'no data is loaded; give from and to' };
		const full = withPeriod(f, fallback);
		if (!full.ok) return { ok: false, status: 400, error: full.error };
		const applied = applyPicks(full.value, picks);
		if (!applied.ok) return { ok: false, status: 400, error: applied.reason };
		const period = { from: full.value.from, to: full.value.to };
		return { ok: true, filters: applied.filters, base: full.value, period, picks, scenario, version: r ? versionOf(r) : undefined, extra: parsed.value.extra };
	} catch (e) {
		return { ok: false, status: 500, error: e instanceof Error ? e.message : String(e) };
	}
}
