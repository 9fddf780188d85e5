/**
 * The /customers page: share of wallet, deals lost to availability, at-risk customers and the voice of
 * the customer for a period and filters under the active assumptions.
 *
 * The headline wallet and deal figures come from `ledgerSummary` itself (the same function behind
 * /api/summary), so the page can never disagree with the API, with their scope under the filters
 * (src/lib/scope.ts). The wallet detail (event study, by delay, by segment) is the company's estimate for
 * the period — the one the summary attributes to the filters — read from the same `companyWallet` result
 * with the summary's gross margin, so no filter set rescans the lines for it.
 */
import { filterParams, type MetricFilters } from '$lib/metrics/filters-type';
import { customerFiltered, customerPasses } from '$lib/scope';
import { keywordPattern } from '$lib/metrics/keywords';
import { rankAtRisk, type AtRisk, type RiskRow, type RiskSort } from '$lib/customers/risk';
import { DEALS_PAGE_SIZE, RISK_PAGE_SIZE, VOICE_PAGE_SIZE, pageCount, type CustomerParams } from '$lib/customers/params';
import { runQuery, type Params } from '../db';
import type { Scenario } from '../assumptions/store';
import { dataVersion, ledgerSummary } from '../metrics/summary';
import { companyWallet } from '../scope/wallet';
import { VersionCache } from '../version-cache';
import { storedAnswer } from '../answer-store';

export class CustomersError extends Error {}

async function rowsOf<T>(name: string, params: Params): Promise<T[]> {
	const r = await runQuery<T>(`customers/${name}`, params);
	if (!r.ok) throw new CustomersError(`${r.error.query}: ${r.error.message}`);
	return r.rows;
}

export interface DealRow {
	opportunity_id: string;
	customer_id: string | null;
	name: string | null;
	closed_date: string;
	amount: number;
	outcome: string;
	loss_reason: string | null;
	competitor: string | null;
	note: string | null;
	total: number;
}

export interface ReasonRow {
	reason: string;
	deals: number;
	value: number;
	top_competitor: string | null;
}

export interface VoiceRow {
	source: 'contact' | 'deal';
	id: string;
	customer_id: string | null;
	name: string | null;
	date: string;
	team: string;
	channel: string | null;
	reason: string | null;
	note: string;
	escalated: boolean;
	csat: number | null;
	amount: number | null;
	competitor: string | null;
	telling: number;
	said: number;
	customers: number;
	total: number;
}

/**
 * Every query here depends only on the loaded data and the request's bound values, so results are kept
 * per data version (see VersionCache): the at-risk sums (one pass over 15 months of order lines) and the
 * voice of the customer (a regex over the period's contacts) cost the most, the three deal queries a
 * regex over the period's opportunities each, and ranking the at-risk rows sorts tens of thousands of
 * customers at 10M lines. Paging, sorting, the CSV export and a return visit reuse them; a new load (a
 * new data version) misses them all. The at-risk rows of one filter set are tens of MB at 10M lines
 * (one row per customer with a recent backorder), so fewer of them are kept.
 */
const results = new VersionCache(64);
const riskResults = new VersionCache(12);

export function clearCustomersCache(): void {
	results.clear();
	riskResults.clear();
}

function cachedRows<T>(version: string | undefined, name: string, params: Params): Promise<T[]> {
	return results.get(version, [name, params], () => rowsOf<T>(name, params));
}

/** at_risk.sql reads only the period's last day, the customer and product filters and the keywords */
function riskParams(filters: MetricFilters, pattern: string): Params {
	const { from: _from, ...rest } = filterParams(filters);
	void _from; // the windows hang off `to`: the period's start does not move them
	return { ...rest, keyword_pattern: pattern };
}

/**
 * The at-risk rows scan 15 months of order lines (about half a second at 10M lines). A customer filter only
 * selects customers, and each customer's sums and score do not depend on the others, so the rows are read
 * once per `to`, product filters and keywords, and a customer filter set takes its customers from them
 * (customerPasses, the TypeScript twin of the SQL rule): a new segment or region does not rescan.
 */
function rankedRisk(version: string | undefined, filters: MetricFilters, pattern: string, sort: RiskSort): Promise<AtRisk[]> {
	const all = { ...filters, segment: null, region: null, sales_rep: null, customer: null };
	const params = riskParams(all, pattern);
	const ranked = riskResults.get(version, ['at_risk:ranked', params, sort], async () => {
		const rows = await riskResults.get(version, ['at_risk', params], () => rowsOf<RiskRow>('at_risk', params));
		return rankAtRisk(rows, sort);
	});
	if (!customerFiltered(filters)) return ranked;
	return ranked.then((rows) => rows.filter((r) => customerPasses({ id: r.customer_id, segment: r.segment, region: r.region, sales_rep: r.sales_rep }, filters)));
}

/** Every at-risk customer for the filters, ranked (the CSV export and the page share this). */
export async function atRiskCustomers(filters: MetricFilters, keywords: readonly string[], sort: RiskSort): Promise<AtRisk[]> {
	return rankedRisk(await dataVersion(), filters, keywordPattern(keywords), sort);
}

/** The /customers page for filters, scenario and the page's own parameters; kept in the database file (answer-store.ts). */
export async function customersOverview(filters: MetricFilters, scenario: Scenario, p: CustomerParams): Promise<CustomersOverview> {
	const version = await dataVersion();
	return storedAnswer('customers', version, [filters, scenario, p], () => computeOverview(version, filters, scenario, p));
}

async function computeOverview(version: string | undefined, filters: MetricFilters, scenario: Scenario, p: CustomerParams) {
	const a = scenario.assumptions;
	const pattern = keywordPattern(a.keywords);
	const params: Params = { ...filterParams(filters), keyword_pattern: pattern };
	const summaryP = ledgerSummary(filters, scenario, { version });
	const walletP = summaryP.then(async (s) => (await companyWallet(filters, s.gross_margin, { window: a.wallet_window_months, version })).est);
	const [summary, wallet, monthly, deals, reasons, ranked, voice] = await Promise.all([
		summaryP,
		walletP,
		cachedRows<{ month: string; deals: number; value: number }>(version, 'deals_monthly', params),
		cachedRows<DealRow>(version, 'deals_list', { ...params, limit: DEALS_PAGE_SIZE, offset: (p.dealsPage - 1) * DEALS_PAGE_SIZE }),
		cachedRows<ReasonRow>(version, 'deals_reasons', params),
		rankedRisk(version, filters, pattern, p.riskSort),
		cachedRows<VoiceRow>(version, 'voice', { ...params, team: p.team, channel: p.channel, q: p.q, limit: VOICE_PAGE_SIZE, offset: (p.voicePage - 1) * VOICE_PAGE_SIZE })
	]);

	const dealsTotal = deals[0]?.total ?? (p.dealsPage > 1 ? summary.winloss.lost_deals : 0);
	const riskFrom = (p.riskPage - 1) * RISK_PAGE_SIZE;
	const voiceTotal = voice[0]?.total ?? 0;
	return {
		currency: summary.currency,
		gross_margin: summary.gross_margin,
		/** exactly the /api/summary blocks */
		wallet_summary: summary.wallet,
		winloss: summary.winloss,
		/** what the wallet and deal figures cover under the filters */
		scope: { wallet: summary.scope.components.wallet, winloss: summary.scope.components.winloss },
		wallet: {
			event_study: wallet.event_study,
			by_bucket: wallet.by_bucket,
			by_segment: wallet.by_segment,
			share_of_wallet: wallet.share_of_wallet,
			treated_growth: wallet.treated_growth,
			control_growth: wallet.control_growth,
			pre_revenue: wallet.pre_revenue,
			post_revenue: wallet.post_revenue,
			dropped_no_controls: wallet.dropped_no_controls,
			dropped_no_pre_revenue: wallet.dropped_no_pre_revenue,
			excluded_not_isolated: wallet.excluded_not_isolated,
			excluded_window: wallet.excluded_window,
			not_estimable: wallet.not_estimable,
			pre_trend: wallet.pre_trend,
			interval_level: wallet.interval_level,
			data_months: wallet.data_months
		},
		deals: {
			monthly,
			reasons,
			rows: deals.map(({ total: _t, ...d }) => d),
			total: dealsTotal,
			page: p.dealsPage,
			pages: pageCount(dealsTotal, DEALS_PAGE_SIZE),
			page_size: DEALS_PAGE_SIZE
		},
		at_risk: {
			rows: ranked.slice(riskFrom, riskFrom + RISK_PAGE_SIZE),
			total: ranked.length,
			value_at_risk: ranked.reduce((s, r) => s + r.value_at_risk, 0),
			page: p.riskPage,
			pages: pageCount(ranked.length, RISK_PAGE_SIZE),
			page_size: RISK_PAGE_SIZE,
			sort: p.riskSort,
			as_of: filters.to
		},
		voice: {
			rows: voice.map(({ total: _t, ...v }) => v),
			total: voiceTotal,
			page: p.voicePage,
			pages: pageCount(voiceTotal, VOICE_PAGE_SIZE),
			team: p.team,
			channel: p.channel,
			q: p.q
		}
	};
}

export type CustomersOverview = Awaited<ReturnType<typeof computeOverview>>;
