/**
 * Sampling error of the share-of-wallet contrasts (src/lib/metrics/wallet.ts). Every figure the estimator
 * reports — did, its by-bucket splits, the event study's pre-trend slope — has the form
 *
 *   stat = Σᵢ (aᵢ − preᵢ·h_k(i)) / Σᵢ preᵢ,   h_k = Σ_c b_c / Σ_c pre_c over the controls of cell k
 *
 * with i the treated customers and k(i) the matched cell (incident month, segment, tercile). Its variance
 * is taken from each customer's linearised influence, summed per customer before squaring: a customer can
 * be a control in several cells (one per incident month) and treated in one, and those pieces are not
 * independent. Treating the controls as fixed — the bootstrap over treated customers alone — is what made
 * the old interval too narrow (issue 16). Pure.
 */

export interface ContrastUnit {
	/** customer index (any stable id shared with the cells' controls) */
	who: number;
	pre: number;
	/** the treated side of the contrast: post revenue for did, a weighted pre-window sum for a slope */
	a: number;
	cell: ContrastCell;
}

export interface ContrastCell {
	controls: readonly number[];
	controlPre: ArrayLike<number>;
	/** the control side, aligned with controls */
	controlB: ArrayLike<number>;
}

export interface Contrast {
	value: number | null;
	se: number | null;
}

export function contrast(units: readonly ContrastUnit[]): Contrast {
	let P = 0;
	for (const u of units) P += u.pre;
	if (!(P > 0)) return { value: null, se: null };
	const h = new Map<ContrastCell, { h: number; pre: number; weight: number }>();
	for (const u of units) {
		let e = h.get(u.cell);
		if (!e) {
			let sp = 0;
			let sb = 0;
			for (let j = 0; j < u.cell.controls.length; j++) {
				sp += u.cell.controlPre[j];
				sb += u.cell.controlB[j];
			}
			e = { h: sb / sp, pre: sp, weight: 0 };
			h.set(u.cell, e);
		}
		e.weight += u.pre / P;
	}
	let num = 0;
	for (const u of units) num += u.a - u.pre * h.get(u.cell)!.h;
	const value = num / P;
	const psi = new Map<number, number>();
	const add = (who: number, v: number) => psi.set(who, (psi.get(who) ?? 0) + v);
	for (const u of units) add(u.who, (u.a - u.pre * h.get(u.cell)!.h - value * u.pre) / P);
	for (const [cell, e] of h) {
		for (let j = 0; j < cell.controls.length; j++) add(cell.controls[j], (-e.weight * (cell.controlB[j] - e.h * cell.controlPre[j])) / e.pre);
	}
	const n = psi.size;
	if (units.length < 2 || n < 3) return { value, se: null };
	let v = 0;
	for (const x of psi.values()) v += x * x;
	return { value, se: Math.sqrt((v * n) / (n - 1)) };
}

/** z of a two-sided 90 % normal interval */
export const Z90 = 1.6448536269514722;

/** Standard normal CDF (Abramowitz–Stegun 26.2.17, |error| < 7.5e−8). */
export function normalCdf(x: number): number {
	const t = 1 / (1 + 0.2316419 * Math.abs(x));
	const d = 0.3989422804014327 * Math.exp((-x * x) / 2);
	const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
	return x >= 0 ? 1 - p : p;
}

/**
 * The old interval, kept so the calibration harness can show what it measured: a 90 % percentile
 * interval of did over resampled treated customers, each with its control growth held fixed.
 */
export function treatedOnlyBootstrap(pre: Float64Array, post: Float64Array, ctrl: Float64Array, resamples: number, seed: number): [number | null, number | null] {
	const n = pre.length;
	if (n === 0) return [null, null];
	const stats = new Float64Array(resamples);
	const rand = mulberry32(seed);
	for (let b = 0; b < resamples; b++) {
		let sp = 0;
		let so = 0;
		let sw = 0;
		for (let j = 0; j < n; j++) {
			const i = Math.floor(rand() * n);
			sp += pre[i];
			so += post[i];
			sw += ctrl[i];
		}
		stats[b] = (so - sw) / sp;
	}
	stats.sort();
	return [quantileSorted(stats, 0.05), quantileSorted(stats, 0.95)];
}

/** Small, fast, seedable PRNG (Mulberry32). */
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
