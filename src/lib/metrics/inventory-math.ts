/**
 * Standard-normal and inventory-theory maths for the economic service level (DESIGN §4).
 * Pure, browser-safe. Accuracy target: Φ to ~1e-15 absolute, Φ⁻¹ to ~1e-12 after refinement.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density φ(z). */
export function normPdf(z: number): number {
	return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/**
 * Upper tail Q(z) = 1 − Φ(z) for z ≥ 0. Below 3 the Marsaglia series converges quickly and has no
 * cancellation worth the name; beyond it the Laplace continued fraction for the Mills ratio does.
 * Both are exact expansions, so accuracy is limited by rounding only.
 */
function upperTail(z: number): number {
	if (z < 3) {
		// Φ(z) = ½ + φ(z)·Σ z^(2n+1)/(2n+1)!!
		let term = z;
		let sum = z;
		const z2 = z * z;
		for (let n = 1; n < 200; n++) {
			term *= z2 / (2 * n + 1);
			sum += term;
			if (term < 1e-17 * sum) break;
		}
		return 0.5 - normPdf(z) * sum;
	}
	// Q(z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))) evaluated bottom-up
	let f = z;
	for (let k = 120; k >= 1; k--) f = z + k / f;
	return normPdf(z) / f;
}

/** Standard normal cumulative distribution Φ(z). */
export function normCdf(z: number): number {
	if (Number.isNaN(z)) return NaN;
	if (z === Infinity) return 1;
	if (z === -Infinity) return 0;
	return z >= 0 ? 1 - upperTail(z) : upperTail(-z);
}

/** 1 − Φ(z), accurate in the far right tail where 1 − normCdf(z) would round to 0. */
export function normSf(z: number): number {
	if (Number.isNaN(z)) return NaN;
	if (z === Infinity) return 0;
	if (z === -Infinity) return 1;
	return z >= 0 ? upperTail(z) : 1 - upperTail(-z);
}

// Acklam's rational approximation (relative error 1.15e-9), refined below by one Halley step.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Inverse standard normal Φ⁻¹(p) for 0 < p < 1 (±Infinity at 0 and 1, NaN outside). */
export function normInv(p: number): number {
	if (!(p >= 0 && p <= 1)) return NaN;
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	let x: number;
	if (p < P_LOW) {
		const q = Math.sqrt(-2 * Math.log(p));
		x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
	} else if (p <= 1 - P_LOW) {
		const q = p - 0.5;
		const r = q * q;
		x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
	} else {
		const q = Math.sqrt(-2 * Math.log(1 - p));
		x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
	}
	// Halley step on the tail that is not rounded away (sf for the upper half keeps precision near 1)
	const e = x > 0 ? -(normSf(x) - (1 - p)) : normCdf(x) - p;
	const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
	return x - u / (1 + 0.5 * x * u);
}

/** Standard normal loss function 𝓛(z) = E[(Z − z)⁺] = φ(z) − z·(1 − Φ(z)). */
export function normLoss(z: number): number {
	return normPdf(z) - z * normSf(z);
}

export interface Newsvendor {
	/** critical ratio p/(p+h) */
	criticalRatio: number;
	z: number;
	/** optimal stock level S* = μ + σ·z */
	stock: number;
	/** expected cost at S*: h·E(S−D)⁺ + p·E(D−S)⁺ = (h+p)·σ·φ(z*) */
	expectedCost: number;
}

/**
 * Single-period newsvendor with normal demand N(μ, σ²), overage cost h and underage cost p per unit.
 * E cost(S) = h·(S−μ) + (h+p)·σ·𝓛(z); at z* = Φ⁻¹(p/(p+h)) the z-terms collapse to (h+p)·σ·φ(z*).
 */
export function newsvendor(mu: number, sigma: number, h: number, p: number): Newsvendor {
	const criticalRatio = p / (p + h);
	const z = normInv(criticalRatio);
	return { criticalRatio, z, stock: mu + sigma * z, expectedCost: (h + p) * sigma * normPdf(z) };
}

/** Expected newsvendor cost at any stock level S (for curves and checks). */
export function newsvendorCost(stock: number, mu: number, sigma: number, h: number, p: number): number {
	const z = (stock - mu) / sigma;
	return h * (stock - mu) + (h + p) * sigma * normLoss(z);
}

export interface EoqBackorders {
	/** order quantity Q* = √(2Kλ/h)·√((h+p)/p) */
	orderQty: number;
	/** planned maximum backorder B* = Q*·h/(h+p) */
	maxBackorder: number;
	/** maximum on-hand Q* − B* */
	maxInventory: number;
	/** minimum annual ordering + holding + backorder cost √(2Kλh)·√(p/(h+p)) */
	annualCost: number;
}

/** EOQ with planned backorders: K per order, λ units/year, h per unit-year held, p per unit-year short. */
export function eoqWithBackorders(K: number, lambda: number, h: number, p: number): EoqBackorders {
	const orderQty = Math.sqrt((2 * K * lambda) / h) * Math.sqrt((h + p) / p);
	const maxBackorder = (orderQty * h) / (h + p);
	return {
		orderQty,
		maxBackorder,
		maxInventory: orderQty - maxBackorder,
		annualCost: Math.sqrt(2 * K * lambda * h) * Math.sqrt(p / (h + p))
	};
}

/** Plain EOQ √(2Kλ/h). */
export function eoq(K: number, lambda: number, h: number): number {
	return Math.sqrt((2 * K * lambda) / h);
}

/** σ of demand over the lead time, from daily σd and lead time L in days (independent days). */
export function leadTimeSigma(dailySigma: number, leadTimeDays: number): number {
	return dailySigma * Math.sqrt(Math.max(0, leadTimeDays));
}

/** Safety stock z·σL. */
export function safetyStock(z: number, sigmaL: number): number {
	return z * sigmaL;
}

/** Expected units short per replenishment cycle σL·𝓛(z). */
export function unitsShortPerCycle(z: number, sigmaL: number): number {
	return sigmaL * normLoss(z);
}

/** Fill rate (share of demand met from stock) 1 − σL·𝓛(z)/Q, floored at 0. */
export function fillRate(z: number, sigmaL: number, orderQty: number): number {
	if (!(orderQty > 0)) return sigmaL > 0 ? 0 : 1;
	return Math.max(0, 1 - unitsShortPerCycle(z, sigmaL) / orderQty);
}
