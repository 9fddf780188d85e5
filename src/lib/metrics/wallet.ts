/**
 * Share-of-wallet decline: matched difference in differences (DESIGN §4). Pure and browser-safe; the
 * server turns order lines into per-customer monthly arrays (queries/wallet/) and calls `estimateWallet`.
 *
 * Readings of the design, made explicit:
 * - Months are integers `year·12 + month − 1`. t0 is the customer's first backordered month over all data
 *   (lines restricted by the product filters). Pre = t0−6..t0−1, post = t0+1..t0+6; t0 itself is excluded.
 * - Treated: t0 in the period's months, t0−6..t0+6 inside the months with full data, and no other
 *   backordered month in t0−6..t0+6.
 * - Terciles: for a treated month t0 and a segment, the 1/3 and 2/3 quantiles (linear interpolation) of the
 *   pre-window revenue of the segment's customers that bought in that window (pre > 0) — a customer with no
 *   purchases there has no level to match on, and including them would only crowd the bottom tercile.
 *   Ties fall into the lower tercile. A customer without a segment matches others without one.
 * - Controls of a treated customer: same segment, same tercile at its t0, no backordered month in
 *   t0−6..t0+6 (so never the treated customer itself). Their revenue is pooled: g_c(i) = Σpost/Σpre.
 * - "growth(treated) − mean of the control growths weighted by treated pre revenue" is read as
 *   treated growth Σᵢpostᵢ/Σᵢpreᵢ minus Σᵢ preᵢ·g_c(i) / Σᵢ preᵢ. did_pct is a fraction (−0.12 = 12 points
 *   less growth than matched controls), lost_revenue = max(0, −did)·Σpre(treated).
 * - Treated customers with pre = 0 or with no controls are dropped and counted separately.
 * - Event study: treated index(k) = 100·Σᵢrevᵢ(t0ᵢ+k) / (Σᵢpreᵢ/6); control index(k) = Σᵢ preᵢ·100·
 *   ctrlᵢ(k)/(ctrlPreᵢ/6) / Σᵢpreᵢ. The post-month mean of the two indices differs by exactly 100·did.
 * - Bootstrap: percentile interval over resampled treated customers, controls held at their pooled growth.
 * - Share of wallet (treated customers with annual_wallet > 0): before = Σ 2·pre / Σ wallet,
 *   after = Σ 2·post / Σ wallet — the 6-month windows annualised, so both sides span the same months.
 */

export const WALLET_WINDOW = 6;
export const BUCKETS = ['≤10 days', '>10 days', 'cancelled/open'] as const;
export type DelayBucket = (typeof BUCKETS)[number];

export interface WalletCustomer {
	id: string;
	segment: string | null;
	annualWallet: number | null;
	/** first backordered month (any data), or null if never backordered */
	t0: number | null;
	/** revenue by month, index 0 = WalletInput.baseMonth; missing months are 0 */
	revenue: ArrayLike<number>;
	/** backordered months (absolute), at least those inside the input's month span */
	boMonths: readonly number[];
	/** how the t0 backorders resolved, null when t0 is null */
	t0Bucket: DelayBucket | null;
}

export interface WalletInput {
	customers: readonly WalletCustomer[];
	baseMonth: number;
	/** months of the period (inclusive) in which t0 may lie */
	periodFrom: number;
	periodTo: number;
	/** months with full data (inclusive); the windows must lie inside */
	dataFrom: number;
	dataTo: number;
	grossMargin: number;
	/** months before and after the incident month (the wallet window assumption; default 6) */
	window?: number;
	resamples?: number;
	seed?: number;
}

export interface EventStudyPoint {
	month_offset: number;
	treated_index: number | null;
	control_index: number | null;
}

export interface WalletGroup {
	treated: number;
	did_pct: number | null;
	pre_revenue: number;
	lost_revenue: number;
}

export interface WalletResult {
	treated_customers: number;
	/** treated by timing and isolation but without a single matched control */
	dropped_no_controls: number;
	/** treated by timing and isolation but with no revenue in the pre window */
	dropped_no_pre_revenue: number;
	/** t0 in the period but another backordered month within ±6 */
	excluded_not_isolated: number;
	/** t0 in the period but the ±6-month windows reach outside the data */
	excluded_window: number;
	did_pct: number | null;
	did_low: number | null;
	did_high: number | null;
	treated_growth: number | null;
	control_growth: number | null;
	lost_revenue: number;
	lost_margin: number;
	pre_revenue: number;
	post_revenue: number;
	event_study: EventStudyPoint[];
	by_bucket: ({ bucket: DelayBucket } & WalletGroup)[];
	by_segment: ({ segment: string | null } & WalletGroup)[];
	share_of_wallet: { before: number; after: number; customers: number } | null;
	interval_level: number;
	resamples: number;
}

/** One treated customer reduced to what every later step needs. */
interface TreatedUnit {
	c: WalletCustomer;
	pre: number;
	post: number;
	/** control pooled growth g_c */
	gc: number;
	/** revenue by offset −6..+6 (index k+6) */
	series: Float64Array;
	/** control index by offset, 100 = control pre mean */
	controlIndex: Float64Array;
}

export function estimateWallet(input: WalletInput): WalletResult {
	const { customers, baseMonth } = input;
	const W = input.window ?? WALLET_WINDOW;
	const SPAN = 2 * W + 1;

	let excludedWindow = 0;
	let excludedIsolation = 0;
	const treatedByMonth = new Map<number, number[]>();
	customers.forEach((c, i) => {
		const t = c.t0;
		if (t === null || t < input.periodFrom || t > input.periodTo) return;
		if (t - W < input.dataFrom || t + W > input.dataTo) excludedWindow++;
		else if (c.boMonths.some((m) => m !== t && m >= t - W && m <= t + W)) excludedIsolation++;
		else {
			const list = treatedByMonth.get(t) ?? [];
			list.push(i);
			treatedByMonth.set(t, list);
		}
	});

	const units: TreatedUnit[] = [];
	let droppedNoControls = 0;
	let droppedNoPre = 0;
	if (treatedByMonth.size > 0) {
		// Dense customer × month matrices over the months any window touches: revenue, and a running count
		// of backordered months so "no backorder in t−6..t+6" is one subtraction. 50k customers stay cheap.
		const months = [...treatedByMonth.keys()];
		const lo = Math.min(...months) - W;
		const L = Math.max(...months) + W - lo + 1;
		const n = customers.length;
		const R = new Float64Array(n * L);
		const B = new Uint16Array(n * (L + 1));
		const bySegment = new Map<string | null, number[]>();
		for (let i = 0; i < n; i++) {
			const c = customers[i];
			const k0 = lo - baseMonth;
			const rev = c.revenue;
			for (let j = 0, k = k0; j < L; j++, k++) R[i * L + j] = k >= 0 && k < rev.length ? rev[k] : 0;
			const row = i * (L + 1);
			for (const m of c.boMonths) if (m >= lo && m < lo + L) B[row + m - lo + 1] = 1;
			for (let j = 1; j <= L; j++) B[row + j] += B[row + j - 1];
			const list = bySegment.get(c.segment);
			if (list) list.push(i);
			else bySegment.set(c.segment, [i]);
		}

		for (const [t, treated] of [...treatedByMonth].sort((a, b) => a[0] - b[0])) {
			const off = t - W - lo; // column of offset −6
			for (const seg of new Set(treated.map((i) => customers[i].segment))) {
				const members = bySegment.get(seg)!;
				const pres = new Float64Array(members.length);
				for (let j = 0; j < members.length; j++) {
					const at = members[j] * L + off;
					let p = 0;
					for (let k = 0; k < W; k++) p += R[at + k];
					pres[j] = p;
				}
				const [q1, q2] = tercileCuts(pres.filter((p) => p > 0));
				const tercileOf = (p: number) => (p <= q1 ? 0 : p <= q2 ? 1 : 2);
				// pooled control revenue by offset, per tercile
				const pooled = [new Float64Array(SPAN), new Float64Array(SPAN), new Float64Array(SPAN)];
				const counts = [0, 0, 0];
				for (let j = 0; j < members.length; j++) {
					const i = members[j];
					const row = i * (L + 1);
					if (pres[j] <= 0 || B[row + off + SPAN] !== B[row + off]) continue;
					const tc = tercileOf(pres[j]);
					counts[tc]++;
					const acc = pooled[tc];
					for (let k = 0; k < SPAN; k++) acc[k] += R[i * L + off + k];
				}
				for (const i of treated) {
					if (customers[i].segment !== seg) continue;
					const series = R.slice(i * L + off, i * L + off + SPAN);
					const pre = sumRange(series, 0, W);
					if (pre <= 0) {
						droppedNoPre++;
						continue;
					}
					const tc = tercileOf(pre);
					if (counts[tc] === 0) {
						droppedNoControls++;
						continue;
					}
					const ctrl = pooled[tc];
					const ctrlPre = sumRange(ctrl, 0, W);
					const controlIndex = ctrl.map((v) => (100 * v) / (ctrlPre / W));
					units.push({ c: customers[i], pre, post: sumRange(series, W + 1, SPAN), gc: sumRange(ctrl, W + 1, SPAN) / ctrlPre, series, controlIndex });
				}
			}
		}
	}

	const resamples = input.resamples ?? 1000;
	const all = did(units);
	const [low, high] = bootstrap(units, resamples, input.seed ?? 20240601);
	const group = (us: TreatedUnit[]): WalletGroup => {
		const d = did(us);
		return { treated: us.length, did_pct: d.did, pre_revenue: d.pre, lost_revenue: lost(d.did, d.pre) };
	};
	const segments = [...new Set(units.map((u) => u.c.segment))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
	const lostRevenue = lost(all.did, all.pre);
	return {
		treated_customers: units.length,
		dropped_no_controls: droppedNoControls,
		dropped_no_pre_revenue: droppedNoPre,
		excluded_not_isolated: excludedIsolation,
		excluded_window: excludedWindow,
		did_pct: all.did,
		did_low: low,
		did_high: high,
		treated_growth: all.treatedGrowth,
		control_growth: all.controlGrowth,
		lost_revenue: lostRevenue,
		lost_margin: lostRevenue * input.grossMargin,
		pre_revenue: all.pre,
		post_revenue: all.post,
		event_study: eventStudy(units, W),
		by_bucket: BUCKETS.map((bucket) => ({ bucket, ...group(units.filter((u) => u.c.t0Bucket === bucket)) })),
		by_segment: segments.map((segment) => ({ segment, ...group(units.filter((u) => u.c.segment === segment)) })),
		share_of_wallet: shareOfWallet(units, W),
		interval_level: 0.9,
		resamples
	};
}

function did(us: readonly TreatedUnit[]) {
	let pre = 0;
	let post = 0;
	let weighted = 0;
	for (const u of us) {
		pre += u.pre;
		post += u.post;
		weighted += u.pre * u.gc;
	}
	if (pre <= 0) return { did: null, pre, post, treatedGrowth: null, controlGrowth: null };
	const treatedGrowth = post / pre;
	const controlGrowth = weighted / pre;
	return { did: treatedGrowth - controlGrowth, pre, post, treatedGrowth, controlGrowth };
}

const lost = (d: number | null, pre: number) => (d === null ? 0 : Math.max(0, -d) * pre);

function eventStudy(us: readonly TreatedUnit[], W: number): EventStudyPoint[] {
	const SPAN = 2 * W + 1;
	const pre = us.reduce((s, u) => s + u.pre, 0);
	return Array.from({ length: SPAN }, (_, i) => {
		if (pre <= 0) return { month_offset: i - W, treated_index: null, control_index: null };
		let t = 0;
		let c = 0;
		for (const u of us) {
			t += u.series[i];
			c += u.pre * u.controlIndex[i];
		}
		return { month_offset: i - W, treated_index: (100 * t) / (pre / W), control_index: c / pre };
	});
}

function shareOfWallet(us: readonly TreatedUnit[], W: number) {
	let wallet = 0;
	let pre = 0;
	let post = 0;
	let n = 0;
	for (const u of us) {
		const w = u.c.annualWallet;
		if (w === null || !(w > 0)) continue;
		wallet += w;
		pre += u.pre;
		post += u.post;
		n++;
	}
	if (n === 0) return null;
	const annualise = 12 / W;
	return { before: (annualise * pre) / wallet, after: (annualise * post) / wallet, customers: n };
}

/** 90% percentile interval of did over resampled treated customers; O(n) per resample. */
function bootstrap(us: readonly TreatedUnit[], resamples: number, seed: number): [number | null, number | null] {
	const n = us.length;
	if (n === 0 || resamples <= 0) return [null, null];
	const pre = Float64Array.from(us, (u) => u.pre);
	const post = Float64Array.from(us, (u) => u.post);
	const w = Float64Array.from(us, (u) => u.pre * u.gc);
	const stats = new Float64Array(resamples);
	let a = seed >>> 0;
	for (let b = 0; b < resamples; b++) {
		let sp = 0;
		let so = 0;
		let sw = 0;
		for (let j = 0; j < n; j++) {
			// mulberry32, inlined: this loop runs resamples × treated times
			a = (a + 0x6d2b79f5) >>> 0;
			let t = a;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			const i = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
			sp += pre[i];
			so += post[i];
			sw += w[i];
		}
		stats[b] = (so - sw) / sp;
	}
	stats.sort();
	return [quantileSorted(stats, 0.05), quantileSorted(stats, 0.95)];
}

/** Small, fast, seedable PRNG (Mulberry32): the interval must be the same on every load. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Type-7 (linear interpolation) quantile of an ascending array. */
export function quantileSorted(xs: ArrayLike<number>, p: number): number {
	const n = xs.length;
	if (n === 0) return NaN;
	let h = (n - 1) * p;
	// (n−1)/3 may land a hair below an integer; snap so a tie with an order statistic is exact
	if (Math.abs(h - Math.round(h)) < 1e-9) h = Math.round(h);
	const lo = Math.floor(h);
	const hi = Math.min(n - 1, lo + 1);
	return xs[lo] + (h - lo) * (xs[hi] - xs[lo]);
}

/** The 1/3 and 2/3 cut points of a set of values (±Infinity when empty: everything in one tercile). */
export function tercileCuts(values: ArrayLike<number>): [number, number] {
	if (values.length === 0) return [Infinity, Infinity];
	const s = Float64Array.from(values).sort();
	return [quantileSorted(s, 1 / 3), quantileSorted(s, 2 / 3)];
}

function sumRange(a: ArrayLike<number>, from: number, to: number): number {
	let s = 0;
	for (let i = from; i < to; i++) s += a[i];
	return s;
}

/** Month index year·12 + month − 1 of an ISO date (YYYY-MM-DD…). */
export function monthIndex(iso: string): number {
	const y = Number(iso.slice(0, 4));
	const m = Number(iso.slice(5, 7));
	return y * 12 + m - 1;
}

/** ISO YYYY-MM of a month index, for labels. */
export function monthLabel(m: number): string {
	const y = Math.floor(m / 12);
	return `${y}-${String((m % 12) + 1).padStart(2, '0')}`;
}
