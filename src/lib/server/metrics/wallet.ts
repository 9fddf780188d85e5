import { runQuery } from '$lib/server/db';
import type { MetricFilters } from '$lib/metrics/filters-type';
import { estimateWallet, monthIndex, monthLabel, type DelayBucket, type WalletCustomer, type WalletResult } from '$lib/metrics/wallet';

/** Backorders filled within this many days count as the short-delay bucket (DESIGN §4). */
const SHORT_DELAY_DAYS = 10;
/**
 * An extract's first or last month still counts as full when the data starts at most this many days
 * after the month began (or ends this many days before it ended): a weekend or holiday at the edge
 * of an export is not missing data, while a month that starts mid-way would understate its revenue.
 */
const EDGE_TOLERANCE_DAYS = 3;

export interface WalletEstimate extends WalletResult {
	/** the months with full data (YYYY-MM), null when there are no order lines */
	data_months: { from: string; to: string } | null;
}

interface CustomerRow {
	customer_id: string;
	segment: string | null;
	region: string | null;
	annual_wallet: number | null;
	t0: number | null;
	/** aligned with revenue, in no particular order */
	months: number[];
	revenue: number[];
	bo_months: number[] | null;
	t0_unresolved: boolean | null;
	t0_max_delay: number | null;
}

interface RangeRow {
	first_date: string | null;
	last_date: string | null;
	lines: number;
	data_version: string | null;
}

type Customer = WalletCustomer & { region: string | null };
interface Panel {
	baseMonth: number;
	customers: Customer[];
}

/** First and last month with full data, by the edge rule above. */
export function fullMonths(firstDate: string, lastDate: string): { from: number; to: number } {
	const first = new Date(`${firstDate}T00:00:00Z`);
	const last = new Date(`${lastDate}T00:00:00Z`);
	const from = monthIndex(firstDate) + (first.getUTCDate() - 1 > EDGE_TOLERANCE_DAYS ? 1 : 0);
	const monthEnd = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 0)).getUTCDate();
	const to = monthIndex(lastDate) - (monthEnd - last.getUTCDate() > EDGE_TOLERANCE_DAYS ? 1 : 0);
	return { from, to };
}

function bucketOf(r: CustomerRow): DelayBucket | null {
	if (r.t0 === null) return null;
	if (r.t0_unresolved) return 'cancelled/open';
	return (r.t0_max_delay ?? 0) <= SHORT_DELAY_DAYS ? '≤10 days' : '>10 days';
}

/**
 * The customer × month panel is the one expensive step (a scan and a two-level aggregation of every
 * order line, about a second of CPU at 10M lines), and it depends only on the loaded data and the
 * product filters: periods and customer filters are cut from it in memory. A few panels are kept,
 * keyed by a fingerprint of the data, so warm requests skip the scan.
 */
const panels = new Map<string, Promise<Panel>>();
/** Results too: matching and 1000 resamples over thousands of treated customers take ~100 ms of CPU. */
const results = new Map<string, WalletEstimate>();

export function clearWalletCache(): void {
	panels.clear();
	results.clear();
}

/** Least-recently-used lookup: a hit moves to the back, the front is evicted past `keep`. */
function remember<V>(cache: Map<string, V>, key: string, keep: number, make: () => V): V {
	const hit = cache.get(key);
	if (hit !== undefined) {
		cache.delete(key);
		cache.set(key, hit);
		return hit;
	}
	const v = make();
	cache.set(key, v);
	while (cache.size > keep) cache.delete(cache.keys().next().value!);
	return v;
}

function dataKey(range: RangeRow, filters: MetricFilters): string {
	return JSON.stringify([range.data_version, range.lines, range.first_date, range.last_date, filters.category ?? null, filters.supplier ?? null]);
}

function panel(range: RangeRow, filters: MetricFilters): Promise<Panel> {
	const key = dataKey(range, filters);
	return remember(panels, key, 4, () => {
		const p = loadPanel(monthIndex(range.first_date!), filters);
		p.catch(() => panels.delete(key));
		return p;
	});
}

async function loadPanel(baseMonth: number, filters: MetricFilters): Promise<Panel> {
	const r = await runQuery<CustomerRow>('wallet/customer_months', {
		category: filters.category ?? null,
		supplier: filters.supplier ?? null
	});
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	let last = baseMonth;
	for (const row of r.rows) for (const m of row.months) if (m > last) last = m;
	const customers = r.rows.map((row): Customer => {
		const revenue = new Float64Array(last - baseMonth + 1);
		row.months.forEach((m, i) => (revenue[m - baseMonth] += row.revenue[i]));
		return {
			id: row.customer_id,
			segment: row.segment,
			region: row.region,
			annualWallet: row.annual_wallet,
			t0: row.t0,
			revenue,
			boMonths: row.bo_months ?? [],
			t0Bucket: bucketOf(row)
		};
	});
	return { baseMonth, customers };
}

/**
 * The share-of-wallet block of the ledger for a period and filters (see src/lib/metrics/wallet.ts for
 * the method). Segment and region restrict who can be treated, who can be a control and whom the
 * terciles are computed over; category and supplier restrict which lines count as revenue and as
 * backorders. Throws on a database error; the caller turns it into a message.
 */
export async function walletEstimate(
	filters: MetricFilters,
	grossMargin: number,
	opts: { resamples?: number; seed?: number; window?: number } = {}
): Promise<WalletEstimate> {
	const range = await runQuery<RangeRow>('wallet/data_range');
	if (!range.ok) throw new Error(`${range.error.query}: ${range.error.message}`);
	const r = range.rows[0];
	const data = r?.first_date && r.last_date ? fullMonths(r.first_date, r.last_date) : null;
	const key = JSON.stringify([dataKey(r, filters), filters.from, filters.to, filters.segment ?? null, filters.region ?? null, grossMargin, opts.resamples, opts.seed, opts.window ?? null]);
	const cached = results.get(key);
	if (cached) return structuredClone(cached);
	let customers: Customer[] = [];
	let baseMonth = 0;
	if (data) {
		const p = await panel(r, filters);
		baseMonth = p.baseMonth;
		const { segment, region } = filters;
		customers = p.customers.filter((c) => (segment == null || c.segment === segment) && (region == null || c.region === region));
	}
	const result = estimateWallet({
		customers,
		baseMonth,
		periodFrom: monthIndex(filters.from),
		periodTo: monthIndex(filters.to),
		dataFrom: data?.from ?? 0,
		dataTo: data?.to ?? -1,
		grossMargin,
		window: opts.window,
		resamples: opts.resamples,
		seed: opts.seed
	});
	const out = { ...result, data_months: data ? { from: monthLabel(data.from), to: monthLabel(data.to) } : null };
	remember(results, key, 32, () => structuredClone(out));
	return out;
}
