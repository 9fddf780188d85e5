/**
 * Attribution of the share-of-wallet loss to customers. The estimate (src/lib/metrics/wallet.ts) is a
 * group effect: lost_revenue = max(0, −did)·Σ pre(treated). It is placed on the treated customers pro
 * rata to their pre-window revenue — customer i carries lost · preᵢ / Σpre — which adds up exactly, and
 * from customers on to their segment, region and sales rep, and to their incident month t0. It cannot be
 * placed on a product, channel or anything else: there it is "unattributed".
 *
 * `treatedPre` re-derives which customers are the estimator's treated units (t0 in the period, windows
 * inside the data, isolated incident, pre revenue > 0, at least one matched control), with the same rules
 * and primitives, because the estimator does not expose them. The drivers tests check that Σ preᵢ equals
 * the estimator's pre_revenue (in total and per segment), so a divergence would be caught. Pure.
 */
import { WALLET_WINDOW, tercileCuts, type WalletInput } from '$lib/metrics/wallet';

/** Pre-window revenue of each customer that is a treated unit of `estimateWallet(input)`, else 0. */
export function treatedPre(input: Omit<WalletInput, 'grossMargin'>): Float64Array {
	const { customers, baseMonth } = input;
	const W = input.window ?? WALLET_WINDOW;
	const out = new Float64Array(customers.length);
	const rev = (i: number, m: number) => {
		const k = m - baseMonth;
		const r = customers[i].revenue;
		return k >= 0 && k < r.length ? r[k] : 0;
	};
	const windowSum = (i: number, from: number, n: number) => {
		let s = 0;
		for (let k = 0; k < n; k++) s += rev(i, from + k);
		return s;
	};
	const cleanWindow = (i: number, t: number) => !customers[i].boMonths.some((m) => m >= t - W && m <= t + W);

	const treatedByMonth = new Map<number, number[]>();
	customers.forEach((c, i) => {
		const t = c.t0;
		if (t === null || t < input.periodFrom || t > input.periodTo) return;
		if (t - W < input.dataFrom || t + W > input.dataTo) return;
		if (c.boMonths.some((m) => m !== t && m >= t - W && m <= t + W)) return;
		const list = treatedByMonth.get(t) ?? [];
		list.push(i);
		treatedByMonth.set(t, list);
	});
	if (treatedByMonth.size === 0) return out;

	const bySegment = new Map<string | null, number[]>();
	customers.forEach((c, i) => {
		const list = bySegment.get(c.segment);
		if (list) list.push(i);
		else bySegment.set(c.segment, [i]);
	});

	for (const [t, treated] of treatedByMonth) {
		for (const seg of new Set(treated.map((i) => customers[i].segment))) {
			const members = bySegment.get(seg)!;
			const pres = members.map((i) => windowSum(i, t - W, W));
			const [q1, q2] = tercileCuts(pres.filter((p) => p > 0));
			const tercileOf = (p: number) => (p <= q1 ? 0 : p <= q2 ? 1 : 2);
			const counts = [0, 0, 0];
			members.forEach((i, j) => {
				if (pres[j] > 0 && cleanWindow(i, t)) counts[tercileOf(pres[j])]++;
			});
			for (const i of treated) {
				if (customers[i].segment !== seg) continue;
				const pre = windowSum(i, t - W, W);
				if (pre <= 0 || counts[tercileOf(pre)] === 0) continue;
				out[i] = pre;
			}
		}
	}
	return out;
}

/** Splits `total` over weights pro rata; with no weight at all nothing is placed (the caller keeps it). */
export function proRata(total: number, weights: ArrayLike<number>): Float64Array {
	const out = new Float64Array(weights.length);
	let sum = 0;
	for (let i = 0; i < weights.length; i++) sum += weights[i];
	if (!(sum > 0) || !total) return out;
	for (let i = 0; i < weights.length; i++) out[i] = (total * weights[i]) / sum;
	return out;
}
