/**
 * The customer × month panel the share-of-wallet estimator reads, built from the rows of
 * queries/wallet/customer_months.sql. Pure, so the server (src/lib/server/metrics/wallet.ts) and the
 * calibration harness (scripts/calibrate.ts) turn the same rows into the same customers.
 */
import { monthIndex, type DelayBucket, type WalletCustomer } from './wallet';

/** Backorders filled within this many days count as the short-delay bucket (DESIGN §4). */
export const SHORT_DELAY_DAYS = 10;
/**
 * An extract's first or last month still counts as full when the data starts at most this many days
 * after the month began (or ends this many days before it ended): a weekend or holiday at the edge
 * of an export is not missing data, while a month that starts mid-way would understate its revenue.
 */
const EDGE_TOLERANCE_DAYS = 3;

export interface CustomerMonthsRow {
	customer_id: string;
	name: string | null;
	segment: string | null;
	region: string | null;
	sales_rep: string | null;
	annual_wallet: number | null;
	t0: number | null;
	/** aligned with revenue, in no particular order */
	months: number[];
	revenue: number[];
	bo_months: number[] | null;
	t0_unresolved: boolean | null;
	t0_max_delay: number | null;
}

export interface WalletPanel {
	baseMonth: number;
	customers: WalletCustomer[];
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

export function bucketOf(r: Pick<CustomerMonthsRow, 't0' | 't0_unresolved' | 't0_max_delay'>): DelayBucket | null {
	if (r.t0 === null) return null;
	if (r.t0_unresolved) return 'cancelled/open';
	return (r.t0_max_delay ?? 0) <= SHORT_DELAY_DAYS ? '≤10 days' : '>10 days';
}

export function panelFromRows(rows: readonly CustomerMonthsRow[], baseMonth: number): WalletPanel {
	let last = baseMonth;
	for (const row of rows) for (const m of row.months) if (Number(m) > last) last = Number(m);
	const customers = rows.map((row): WalletCustomer => {
		const revenue = new Float64Array(last - baseMonth + 1);
		row.months.forEach((m, i) => (revenue[Number(m) - baseMonth] += Number(row.revenue[i])));
		return {
			id: row.customer_id,
			name: row.name ?? null,
			segment: row.segment,
			region: row.region,
			sales_rep: row.sales_rep ?? null,
			annualWallet: row.annual_wallet,
			t0: row.t0,
			revenue,
			boMonths: row.bo_months ?? [],
			t0Bucket: bucketOf(row)
		};
	});
	return { baseMonth, customers };
}
