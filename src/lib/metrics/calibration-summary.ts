/**
 * One estimator design's record over a calibration run (src/lib/server/calibrate/harness.ts) and the
 * contract it is held to (DESIGN §4). Pure; shared by the harness and /methodology.
 */
import type { DelayBucket } from './wallet';

export interface DesignSummary {
	design: string;
	world: string;
	runs: number;
	estimable: number;
	mean_treated: number;
	/** mean estimate − target, percentage points */
	bias: number | null;
	rmse: number | null;
	/** share of runs whose 90 % interval covers the target */
	coverage: number | null;
	mean_width: number | null;
	pre_trend_flat: number | null;
	/** per bucket: mean estimate and mean target, percentage points */
	buckets: { bucket: DelayBucket; estimate: number | null; target: number | null; error: number | null }[];
	/** share of runs whose three bucket estimates are in the planted order (by-bucket world only) */
	bucket_order: number | null;
}

/** DESIGN §4: |bias| ≤ 1 point and 85–95 % coverage; by bucket within 3 points and in the planted order. */
export function meetsContract(d: DesignSummary): boolean {
	const bias = d.bias !== null && Math.abs(d.bias) <= 1;
	const coverage = d.coverage !== null && d.coverage >= 0.85 && d.coverage <= 0.95;
	const buckets = d.bucket_order === null || (d.bucket_order === 1 && d.buckets.every((b) => b.error !== null && Math.abs(b.error) <= 3));
	return bias && coverage && buckets;
}
