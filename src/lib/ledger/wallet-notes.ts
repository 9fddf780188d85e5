/**
 * The words the ledger, the customers page and the PDF use for the share-of-wallet estimate when it has
 * no figure or its pre-trend is not flat, so every surface says the same thing. Pure.
 */
import type { PreTrend } from '$lib/metrics/wallet';

/** "n/a — <reason>" for a figure the estimator could not give. */
export function walletNa(reason: string | null | undefined): string {
	return `n/a — ${reason ?? 'not estimable'}`;
}

/** The sentence that goes with a total when the wallet loss is left out of it, else null. */
export function walletExcludedNote(reason: string | null | undefined): string | null {
	return reason ? `The total excludes the share-of-wallet decline: ${reason}.` : null;
}

/** A warning when the months before the first backorder are not flat (null when flat or untested). */
export function preTrendWarning(p: PreTrend | null | undefined): string | null {
	if (!p || p.flat !== false || p.slope === null) return null;
	const dir = p.slope > 0 ? 'rising' : 'falling';
	return (
		`Pre-trend not flat: before their first backorder, backordered customers' spend was already ${dir} against ` +
		`matched controls by ${Math.abs(p.slope).toFixed(1)} index points a month (p = ${(p.p_value ?? 0).toFixed(3)}), ` +
		`so part of the difference after it may not be the backorder's doing.`
	);
}
