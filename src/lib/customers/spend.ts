/**
 * A customer's spend by calendar month against their pre-incident level. Pure and browser-safe.
 *
 * - Months run over the data's full extent (`dataFrom`..`dataTo`, YYYY-MM), so a month without orders
 *   shows as 0 rather than disappearing.
 * - The incident month t0 is the first month with a backordered line (as in the share-of-wallet estimate).
 * - Pre-incident level = mean monthly spend over t0−6..t0−1, using only months inside the data (a
 *   customer whose first incident comes in the extract's first month has no level: null).
 * - Post level = mean over t0+1..t0+6 inside the data, and change = post / pre − 1.
 */
import type { CustomerOrderRow } from './timeline';

export const WINDOW = 6;

export interface SpendMonth {
	month: string;
	spend: number;
	backordered: boolean;
}

export interface SpendSeries {
	months: SpendMonth[];
	t0: string | null;
	pre_level: number | null;
	pre_months: number;
	post_level: number | null;
	post_months: number;
	change: number | null;
}

export const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
export const monthOf = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

export function spendSeries(orders: readonly CustomerOrderRow[], dataFrom: string, dataTo: string): SpendSeries {
	const lo = monthIndex(dataFrom);
	const hi = monthIndex(dataTo);
	const n = Math.max(0, hi - lo + 1);
	const spend = new Array<number>(n).fill(0);
	const bo = new Array<boolean>(n).fill(false);
	let t0: number | null = null;
	for (const o of orders) {
		const m = monthIndex(o.order_date);
		if (o.backordered_lines > 0 && (t0 === null || m < t0)) t0 = m;
		if (m < lo || m > hi) continue;
		spend[m - lo] += o.spend;
		if (o.backordered_lines > 0) bo[m - lo] = true;
	}
	const months = spend.map((s, i) => ({ month: monthOf(lo + i), spend: s, backordered: bo[i] }));
	const mean = (from: number, to: number) => {
		let sum = 0;
		let k = 0;
		for (let m = Math.max(from, lo); m <= Math.min(to, hi); m++) {
			sum += spend[m - lo];
			k++;
		}
		return { level: k > 0 ? sum / k : null, months: k };
	};
	if (t0 === null) return { months, t0: null, pre_level: null, pre_months: 0, post_level: null, post_months: 0, change: null };
	const pre = mean(t0 - WINDOW, t0 - 1);
	const post = mean(t0 + 1, t0 + WINDOW);
	const change = pre.level && pre.level > 0 && post.level !== null ? post.level / pre.level - 1 : null;
	return { months, t0: monthOf(t0), pre_level: pre.level, pre_months: pre.months, post_level: post.level, post_months: post.months, change };
}
