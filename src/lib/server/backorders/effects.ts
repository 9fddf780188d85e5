/**
 * The one adapter between the fill queue and the share-of-wallet estimator (issue 18): the by-bucket
 * effects of the company's estimate for the period. The estimator is being rewritten (issue 16); when its
 * result changes shape, only this file changes. It reads the one wallet panel (companyWallet), the same
estimate the ledger prices. Buckets without an estimate come back with did_pct null
 * and the reason; a bucket without an interval comes back with did_low/did_high null (the queue and the
 * saving then say the interval is missing instead of inventing one).
 */
import type { BucketEffect, BucketEffects } from '$lib/backorders/pricing';
import { companyWallet } from '../scope/wallet';

type Period = { from: string; to: string };
type BucketRow = { bucket: string; treated: number; did_pct: number | null; did_low?: number | null; did_high?: number | null };

function effect(rows: BucketRow[], bucket: string): BucketEffect {
	const b = rows.find((r) => r.bucket === bucket);
	if (!b) return { did_pct: null, did_low: null, did_high: null, reason: 'the estimator gives no such bucket' };
	if (b.did_pct === null) {
		return { did_pct: null, did_low: null, did_high: null, reason: b.treated === 0 ? 'no treated customer in this bucket' : 'too few matched customers to estimate' };
	}
	return { did_pct: b.did_pct, did_low: b.did_low ?? null, did_high: b.did_high ?? null, reason: null };
}

/** The company's by-bucket effects for the period (the same for every filter, as the ledger's did_pct). */
export async function bucketEffects(period: Period, grossMargin: number, opts: { window?: number; version?: string } = {}): Promise<BucketEffects> {
	const { est } = await companyWallet({ from: period.from, to: period.to }, grossMargin, opts);
	const rows = est.by_bucket as BucketRow[];
	return { le10: effect(rows, '≤10 days'), gt10: effect(rows, '>10 days'), cancelled_open: effect(rows, 'cancelled/open') };
}
