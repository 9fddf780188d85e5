/**
 * The last committed calibration run of the share-of-wallet estimator (npm run calibrate -- --seeds 20
 * --save src/lib/methodology/wallet-calibration.json), for /methodology. Only the summary is kept: every
 * figure on the page is that run's own.
 */
import run from './wallet-calibration.json';
import type { DesignSummary } from '$lib/metrics/calibration-summary';

export interface CalibrationRun {
	run: { started: string; seconds: number; seeds: number; first_seed: number; customers: number; worlds: string[] };
	summary: DesignSummary[];
}

export const CALIBRATION = run as CalibrationRun;
