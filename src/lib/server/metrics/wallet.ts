import { runQuery } from '$lib/server/db';
import { filterParams, type MetricFilters } from '$lib/metrics/filters-type';
import { estimateWallet, monthIndex, monthLabel, WALLET_WINDOW, type DelayBucket, type WalletCustomer, type WalletResult } from '$lib/metrics/wallet';

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
	annual_wallet: number | null;
	t0: number | null;
	months: number[];
	revenue: number[];
	bo_months: number[] | null;
	t0_unresolved: boolean | null;
	t0_max_delay: number | null;
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
 * The share-of-wallet block of the ledger for a period and filters. The heavy lifting (10M lines → one
 * row per customer with its monthly revenue) is SQL; the matching and the bootstrap run on those arrays.
 */
export async function walletEstimate(
	filters: MetricFilters,
	grossMargin: number,
	opts: { resamples?: number; seed?: number } = {}
): Promise<WalletEstimate> {
	const range = await runQuery<{ first_date: string | null; last_date: string | null }>('wallet/data_range');
	if (!range.ok) throw new Error(`${range.error.query}: ${range.error.message}`);
	const { first_date, last_date } = range.rows[0] ?? {};
	const periodFrom = monthIndex(filters.from);
	const periodTo = monthIndex(filters.to);
	const data = first_date && last_date ? fullMonths(first_date, last_date) : null;
	// only the months any treated customer's window can touch
	const lo = Math.max(periodFrom - WALLET_WINDOW, data?.from ?? periodFrom);
	const hi = Math.min(periodTo + WALLET_WINDOW, data?.to ?? periodTo);

	let customers: WalletCustomer[] = [];
	if (data && lo <= hi) {
		const r = await runQuery<CustomerRow>('wallet/customer_months', { ...filterParams(filters), lo, hi });
		if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
		customers = r.rows.map((row) => {
			const revenue = new Float64Array(hi - lo + 1);
			row.months.forEach((m, i) => (revenue[m - lo] = row.revenue[i]));
			return {
				id: row.customer_id,
				segment: row.segment,
				annualWallet: row.annual_wallet,
				t0: row.t0,
				revenue,
				boMonths: row.bo_months ?? [],
				t0Bucket: bucketOf(row)
			};
		});
	}
	const result = estimateWallet({
		customers,
		baseMonth: lo,
		periodFrom,
		periodTo,
		dataFrom: data?.from ?? 0,
		dataTo: data?.to ?? -1,
		grossMargin,
		resamples: opts.resamples,
		seed: opts.seed
	});
	return { ...result, data_months: data ? { from: monthLabel(data.from), to: monthLabel(data.to) } : null };
}
