/**
 * Share-of-wallet decline: matched difference in differences (DESIGN §4), in the design the calibration
 * harness chose (scripts/calibrate.ts, issue 16). Pure and browser-safe; the server turns order lines into
 * per-customer monthly arrays (queries/wallet/) and calls `estimateWallet`.
 *
 * The design, "first exposure against not yet exposed":
 * - Months are integers `year·12 + month − 1`. t0 is the customer's first backordered month over all data
 *   (lines restricted by the product filters). Pre = t0−W..t0−1, post = t0+1..t0+W (W = the wallet window,
 *   6); t0 itself is excluded.
 * - Treated: t0 in the period's months with t0−W..t0+W inside the months with full data. Nothing is asked
 *   of the months after t0 (intention to treat): requiring "no other backorder in the window" keeps the
 *   customers whose post window ordered least, because backorders come with volume, and so selects on the
 *   outcome. The old recipe (`design: 'isolated'`) is kept for the calibration harness only.
 * - Terciles: for an incident month T and a segment, the 1/3 and 2/3 quantiles (linear interpolation) of
 *   the pre-window revenue of the segment's customers that bought in that window (pre > 0); ties fall into
 *   the lower tercile; a customer without a segment matches others without one.
 * - Controls of a treated customer (its cell: T, segment, tercile): customers of the cell not yet exposed
 *   through T+W — first backorder after T+W, or never. Their revenue is pooled: g = Σpost/Σpre.
 * - did = Σᵢ(postᵢ − preᵢ·gᵢ)/Σᵢpreᵢ: treated growth minus the control growths weighted by treated pre
 *   revenue. Each treated customer's counterfactual post is preᵢ·gᵢ, so its loss is preᵢ·gᵢ − postᵢ and the
 *   losses add up to −did·Σpre. lost_revenue = max(0, −did)·Σpre.
 * - Interval: analytic, from each customer's influence on did, treated and controls alike (wallet-variance.ts).
 * - Pre-trend: the slope of treated − control index over months −W..−1, with the same kind of standard
 *   error; flat unless |z| > 1.96.
 * - Not estimable (did and lost null, with the reason) with fewer than `minTreated` treated customers.
 * - Share of wallet (treated customers with annual_wallet > 0): before = Σ 2·pre / Σ wallet,
 *   after = Σ 2·post / Σ wallet — the 6-month windows annualised, so both sides span the same months.
 */
import { finish, type Steps } from '$lib/steps';
import { contrast, normalCdf, quantileSorted, treatedOnlyBootstrap, Z90, type ContrastCell, type ContrastUnit } from './wallet-variance';

export { mulberry32, quantileSorted } from './wallet-variance';

export const WALLET_WINDOW = 6;
/** Below this many treated customers there is no estimate: the interval would not mean what it says. */
export const MIN_TREATED = 10;
export const BUCKETS = ['≤10 days', '>10 days', 'cancelled/open'] as const;
export type DelayBucket = (typeof BUCKETS)[number];
/** 'first-exposure': the contract's design; 'isolated': the old recipe, for the calibration harness. */
export type WalletDesign = 'first-exposure' | 'isolated';
export type WalletIntervalMethod = 'analytic' | 'treated-bootstrap';

export interface WalletCustomer {
	id: string;
	segment: string | null;
	region?: string | null;
	sales_rep?: string | null;
	name?: string | null;
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
	design?: WalletDesign;
	interval?: WalletIntervalMethod;
	/** default MIN_TREATED */
	minTreated?: number;
}

export interface EventStudyPoint {
	month_offset: number;
	treated_index: number | null;
	control_index: number | null;
}

export interface WalletGroup {
	treated: number;
	did_pct: number | null;
	did_low: number | null;
	did_high: number | null;
	pre_revenue: number;
	lost_revenue: number | null;
}

export interface PreTrend {
	/** null when there is nothing to test */
	flat: boolean | null;
	/** treated − control index points per month over months −W..−1 */
	slope: number | null;
	se: number | null;
	z: number | null;
	p_value: number | null;
}

/** A treated customer and what the estimate says about it (the scope layer attributes by `pre`). */
export interface TreatedCustomer {
	id: string;
	name: string | null;
	segment: string | null;
	region: string | null;
	sales_rep: string | null;
	/** incident month t0, YYYY-MM */
	month: string;
	bucket: DelayBucket | null;
	pre: number;
	post: number;
	/** pre × its controls' growth: the post revenue had it grown like them */
	counterfactual: number;
	/** counterfactual − post (negative: it grew more than its controls) */
	lost: number;
	/** index into WalletResult.cells */
	cell: number;
}

/** A matched cell: the treated customers of one incident month, segment and tercile share its controls. */
export interface WalletCell {
	month: string;
	segment: string | null;
	tercile: 1 | 2 | 3;
	control_ids: string[];
	control_growth: number;
}

export interface WalletResult {
	design: WalletDesign;
	interval_method: WalletIntervalMethod;
	treated_customers: number;
	/** treated by timing but without a single matched control */
	dropped_no_controls: number;
	/** treated by timing but with no revenue in the pre window */
	dropped_no_pre_revenue: number;
	/** t0 in the period but another backordered month within ±W (the 'isolated' design only) */
	excluded_not_isolated: number;
	/** t0 in the period but the ±W-month windows reach outside the data */
	excluded_window: number;
	/** why there is no estimate (did and lost are null), else null */
	not_estimable: string | null;
	did_pct: number | null;
	did_low: number | null;
	did_high: number | null;
	did_se: number | null;
	treated_growth: number | null;
	control_growth: number | null;
	lost_revenue: number | null;
	lost_margin: number | null;
	pre_revenue: number;
	post_revenue: number;
	event_study: EventStudyPoint[];
	pre_trend: PreTrend;
	by_bucket: ({ bucket: DelayBucket } & WalletGroup)[];
	by_segment: ({ segment: string | null } & WalletGroup)[];
	share_of_wallet: { before: number; after: number; customers: number } | null;
	interval_level: number;
	treated: TreatedCustomer[];
	cells: WalletCell[];
}

interface Cell extends ContrastCell {
	T: number;
	segment: string | null;
	tercile: number;
	controlPost: Float64Array;
	/** Σ over the pre months of slope weight × revenue, per control (the pre-trend's control side) */
	controlSlope: Float64Array;
	pooled: Float64Array;
	growth: number;
	index: number;
}

interface Unit {
	i: number;
	c: WalletCustomer;
	pre: number;
	post: number;
	slope: number;
	series: Float64Array;
	cell: Cell;
}

export function estimateWallet(input: WalletInput): WalletResult {
	return finish(estimateWalletSteps(input));
}

/** estimateWallet in steps (one per 4,096 customers of the panel, one per month × segment): the server runs them in slices. */
export function* estimateWalletSteps(input: WalletInput): Steps<WalletResult> {
	const { customers, baseMonth } = input;
	const W = input.window ?? WALLET_WINDOW;
	const SPAN = 2 * W + 1;
	const design = input.design ?? 'first-exposure';
	const method = input.interval ?? 'analytic';
	const minTreated = input.minTreated ?? MIN_TREATED;
	// least-squares slope weights over offsets −W..−1, scaled to index points (100 = the pre-window mean)
	const kbar = -(W + 1) / 2;
	let sxx = 0;
	for (let k = -W; k < 0; k++) sxx += (k - kbar) ** 2;
	const slopeW = Float64Array.from({ length: W }, (_, j) => (100 * W * (j - W - kbar)) / sxx);

	let excludedWindow = 0;
	let excludedIsolation = 0;
	let inPeriod = 0;
	const treatedByMonth = new Map<number, number[]>();
	customers.forEach((c, i) => {
		const t = c.t0;
		if (t === null || t < input.periodFrom || t > input.periodTo) return;
		inPeriod++;
		if (t - W < input.dataFrom || t + W > input.dataTo) excludedWindow++;
		else if (design === 'isolated' && c.boMonths.some((m) => m !== t && m >= t - W && m <= t + W)) excludedIsolation++;
		else {
			const list = treatedByMonth.get(t) ?? [];
			list.push(i);
			treatedByMonth.set(t, list);
		}
	});

	const units: Unit[] = [];
	const cells: Cell[] = [];
	let droppedNoControls = 0;
	let droppedNoPre = 0;
	if (treatedByMonth.size > 0) {
		// Dense customer × month revenue over the months any window touches, and a running count of
		// backordered months so "no backorder in T−W..T+W" is one subtraction. 50k customers stay cheap.
		const months = [...treatedByMonth.keys()];
		const lo = Math.min(...months) - W;
		const L = Math.max(...months) + W - lo + 1;
		const n = customers.length;
		const R = new Float64Array(n * L);
		const B = design === 'isolated' ? new Uint16Array(n * (L + 1)) : null;
		const bySegment = new Map<string | null, number[]>();
		for (let i = 0; i < n; i++) {
			if ((i & 0xfff) === 0xfff) yield;
			const c = customers[i];
			const k0 = lo - baseMonth;
			const rev = c.revenue;
			for (let j = 0, k = k0; j < L; j++, k++) R[i * L + j] = k >= 0 && k < rev.length ? rev[k] : 0;
			if (B) {
				const row = i * (L + 1);
				for (const m of c.boMonths) if (m >= lo && m < lo + L) B[row + m - lo + 1] = 1;
				for (let j = 1; j <= L; j++) B[row + j] += B[row + j - 1];
			}
			const list = bySegment.get(c.segment);
			if (list) list.push(i);
			else bySegment.set(c.segment, [i]);
		}
		const sumAt = (i: number, from: number, len: number) => {
			let s = 0;
			for (let k = 0; k < len; k++) s += R[i * L + from + k];
			return s;
		};
		const slopeAt = (i: number, off: number) => {
			let s = 0;
			for (let k = 0; k < W; k++) s += slopeW[k] * R[i * L + off + k];
			return s;
		};

		for (const [t, treated] of [...treatedByMonth].sort((a, b) => a[0] - b[0])) {
			const off = t - W - lo; // column of offset −W
			const eligible = (i: number) => {
				if (B) return B[i * (L + 1) + off + SPAN] === B[i * (L + 1) + off];
				const ti = customers[i].t0;
				return ti === null || ti > t + W;
			};
			for (const seg of new Set(treated.map((i) => customers[i].segment))) {
				const members = bySegment.get(seg)!;
				const m = members.length;
				const pres = new Float64Array(m);
				for (let j = 0; j < m; j++) pres[j] = sumAt(members[j], off, W);
				const [q1, q2] = tercileCuts(pres.filter((p) => p > 0));
				const tercileOf = (p: number) => (p <= q1 ? 0 : p <= q2 ? 1 : 2);
				// each member's tercile, −1 when it cannot be a control (no pre revenue, or exposed)
				const slot = new Int8Array(m);
				for (let j = 0; j < m; j++) slot[j] = pres[j] > 0 && eligible(members[j]) ? tercileOf(pres[j]) : -1;
				const byTercile: (Cell | null)[] = [null, null, null];
				const cellOf = (tc: number): Cell | null => {
					if (byTercile[tc]) return byTercile[tc];
					const ctrl: number[] = [];
					for (let j = 0; j < m; j++) if (slot[j] === tc) ctrl.push(members[j]);
					if (ctrl.length === 0) return null;
					const pooled = new Float64Array(SPAN);
					for (const i of ctrl) for (let k = 0; k < SPAN; k++) pooled[k] += R[i * L + off + k];
					const controlPre = Float64Array.from(ctrl, (i) => sumAt(i, off, W));
					const controlPost = Float64Array.from(ctrl, (i) => sumAt(i, off + W + 1, W));
					const cell: Cell = {
						T: t,
						segment: seg,
						tercile: tc,
						controls: ctrl,
						controlPre,
						controlPost,
						controlB: controlPost,
						controlSlope: Float64Array.from(ctrl, (i) => slopeAt(i, off)),
						pooled,
						growth: sum(controlPost) / sum(controlPre),
						index: cells.length
					};
					cells.push(cell);
					byTercile[tc] = cell;
					return cell;
				};
				for (const i of treated) {
					if (customers[i].segment !== seg) continue;
					const pre = sumAt(i, off, W);
					if (pre <= 0) {
						droppedNoPre++;
						continue;
					}
					const cell = cellOf(tercileOf(pre));
					if (!cell) {
						droppedNoControls++;
						continue;
					}
					const series = R.slice(i * L + off, i * L + off + SPAN);
					units.push({ i, c: customers[i], pre, post: sumAt(i, off + W + 1, W), slope: slopeAt(i, off), series, cell });
				}
				yield;
			}
		}
	}

	const estimable = units.length >= minTreated;
	const reason = estimable ? null : notEstimableReason(units.length, minTreated, inPeriod, excludedWindow, excludedIsolation, droppedNoControls + droppedNoPre, W);
	const all = group(units, method);
	const pre = all.pre_revenue;
	const post = units.reduce((s, u) => s + u.post, 0);
	const didPct = estimable ? all.did_pct : null;
	const lostRevenue = didPct === null ? null : Math.max(0, -didPct) * pre;
	const controlGrowth = pre > 0 ? units.reduce((s, u) => s + u.pre * u.cell.growth, 0) / pre : null;
	const segments = [...new Set(units.map((u) => u.c.segment))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
	return {
		design,
		interval_method: method,
		treated_customers: units.length,
		dropped_no_controls: droppedNoControls,
		dropped_no_pre_revenue: droppedNoPre,
		excluded_not_isolated: excludedIsolation,
		excluded_window: excludedWindow,
		not_estimable: reason,
		did_pct: didPct,
		did_low: estimable ? all.did_low : null,
		did_high: estimable ? all.did_high : null,
		did_se: estimable ? all.se : null,
		treated_growth: pre > 0 ? post / pre : null,
		control_growth: controlGrowth,
		lost_revenue: lostRevenue,
		lost_margin: lostRevenue === null ? null : lostRevenue * input.grossMargin,
		pre_revenue: pre,
		post_revenue: post,
		event_study: eventStudy(units, W),
		pre_trend: preTrend(units),
		by_bucket: BUCKETS.map((bucket) => ({ bucket, ...strip(group(units.filter((u) => u.c.t0Bucket === bucket), method)) })),
		by_segment: segments.map((segment) => ({ segment, ...strip(group(units.filter((u) => u.c.segment === segment), method)) })),
		share_of_wallet: shareOfWallet(units, W),
		interval_level: 0.9,
		treated: units
			.map((u): TreatedCustomer => {
				const cf = u.pre * u.cell.growth;
				return {
					id: u.c.id,
					name: u.c.name ?? null,
					segment: u.c.segment,
					region: u.c.region ?? null,
					sales_rep: u.c.sales_rep ?? null,
					month: monthLabel(u.cell.T),
					bucket: u.c.t0Bucket,
					pre: u.pre,
					post: u.post,
					counterfactual: cf,
					lost: cf - u.post,
					cell: u.cell.index
				};
			})
			.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
		cells: cells.map((c) => ({
			month: monthLabel(c.T),
			segment: c.segment,
			tercile: (c.tercile + 1) as 1 | 2 | 3,
			control_ids: c.controls.map((i) => customers[i].id),
			control_growth: c.growth
		}))
	};
}

function notEstimableReason(n: number, min: number, inPeriod: number, window: number, isolation: number, dropped: number, W: number): string {
	if (inPeriod === 0) return 'no customer had a first backorder in the period';
	if (n === 0 && window === inPeriod) return `no first backorder in the period has ${W} full months of data before and after it`;
	if (n === 0 && isolation + window === inPeriod) return 'no first backorder in the period is an isolated incident';
	if (n === 0 && dropped > 0) return 'no customer with a first backorder in the period has a matched control and earlier spend';
	return `only ${n} treated customer${n === 1 ? '' : 's'} (at least ${min} are needed for an estimate with an interval)`;
}

function group(us: readonly Unit[], method: WalletIntervalMethod): WalletGroup & { se: number | null } {
	const pre = us.reduce((s, u) => s + u.pre, 0);
	const c = contrast(us.map((u): ContrastUnit => ({ who: u.i, pre: u.pre, a: u.post, cell: u.cell })));
	let low: number | null = null;
	let high: number | null = null;
	if (c.value !== null && method === 'treated-bootstrap') {
		[low, high] = treatedOnlyBootstrap(
			Float64Array.from(us, (u) => u.pre),
			Float64Array.from(us, (u) => u.post),
			Float64Array.from(us, (u) => u.pre * u.cell.growth),
			1000,
			20240601
		);
	} else if (c.value !== null && c.se !== null) {
		low = c.value - Z90 * c.se;
		high = c.value + Z90 * c.se;
	}
	const did = c.value;
	return { treated: us.length, did_pct: did, did_low: low, did_high: high, pre_revenue: pre, lost_revenue: did === null ? null : Math.max(0, -did) * pre, se: c.se };
}

const strip = ({ se: _se, ...g }: WalletGroup & { se: number | null }): WalletGroup => g;

function preTrend(us: readonly Unit[]): PreTrend {
	const slopeCells = new Map<Cell, ContrastCell>();
	const cellOf = (c: Cell) => {
		let s = slopeCells.get(c);
		if (!s) slopeCells.set(c, (s = { controls: c.controls, controlPre: c.controlPre, controlB: c.controlSlope }));
		return s;
	};
	const c = contrast(us.map((u) => ({ who: u.i, pre: u.pre, a: u.slope, cell: cellOf(u.cell) })));
	if (c.value === null || c.se === null || !(c.se > 0)) return { flat: null, slope: c.value, se: c.se, z: null, p_value: null };
	const z = c.value / c.se;
	const p = 2 * (1 - normalCdf(Math.abs(z)));
	return { flat: p >= 0.05, slope: c.value, se: c.se, z, p_value: p };
}

function eventStudy(us: readonly Unit[], W: number): EventStudyPoint[] {
	const SPAN = 2 * W + 1;
	const pre = us.reduce((s, u) => s + u.pre, 0);
	const ctrlPre = new Map<Cell, number>();
	for (const u of us) if (!ctrlPre.has(u.cell)) ctrlPre.set(u.cell, sumRange(u.cell.pooled, 0, W));
	return Array.from({ length: SPAN }, (_, i) => {
		if (pre <= 0) return { month_offset: i - W, treated_index: null, control_index: null };
		let t = 0;
		let c = 0;
		for (const u of us) {
			t += u.series[i];
			c += (u.pre * 100 * u.cell.pooled[i]) / (ctrlPre.get(u.cell)! / W);
		}
		return { month_offset: i - W, treated_index: (100 * t) / (pre / W), control_index: c / pre };
	});
}

function shareOfWallet(us: readonly Unit[], W: number) {
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

/** The 1/3 and 2/3 cut points of a set of values (±Infinity when empty: everything in one tercile). */
export function tercileCuts(values: ArrayLike<number>): [number, number] {
	if (values.length === 0) return [Infinity, Infinity];
	const s = Float64Array.from(values).sort();
	return [quantileSorted(s, 1 / 3), quantileSorted(s, 2 / 3)];
}

const sum = (a: ArrayLike<number>) => sumRange(a, 0, a.length);

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
