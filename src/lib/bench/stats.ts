/**
 * Latency statistics for the benchmark. Percentiles use the nearest-rank method (the value below which
 * at least p % of the samples fall): with 20 samples p95 is the 19th fastest, never an interpolation
 * that flatters a slow tail.
 */

export function percentile(samples: readonly number[], p: number): number {
	if (!samples.length) return NaN;
	if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, got ${p}`);
	const sorted = [...samples].sort((a, b) => a - b);
	if (p === 0) return sorted[0];
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface LatencySummary {
	n: number;
	min: number;
	p50: number;
	p95: number;
	max: number;
	mean: number;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export function summarize(samples: readonly number[]): LatencySummary {
	if (!samples.length) return { n: 0, min: NaN, p50: NaN, p95: NaN, max: NaN, mean: NaN };
	return {
		n: samples.length,
		min: r1(Math.min(...samples)),
		p50: r1(percentile(samples, 50)),
		p95: r1(percentile(samples, 95)),
		max: r1(Math.max(...samples)),
		mean: r1(samples.reduce((a, b) => a + b, 0) / samples.length)
	};
}
