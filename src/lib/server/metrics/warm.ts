/**
 * Warming after start and after a load: builds the derived tables for the data now loaded and caches the
 * default ledger (what / and /api/summary answer without filters), so the first visitor does not pay
 * for them. Fire and forget: a request that arrives meanwhile waits for the same work, never repeats it.
 */
import { summaryResponse } from './summary';

// one warm-up at a time; a load finishing during one warms again after it
let chain: Promise<void> = Promise.resolve();

export function warmCaches(reason: string): Promise<void> {
	chain = chain.then(async () => {
		const t0 = performance.now();
		try {
			const r = await summaryResponse(new URLSearchParams());
			const ms = Math.round(performance.now() - t0);
			if (r.status === 200) console.log(`ledger: caches warmed after ${reason} in ${ms} ms (ms per part: ${JSON.stringify((r.body as { timings_ms?: unknown }).timings_ms ?? {})})`);
			else console.warn(`ledger: warming after ${reason} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
		} catch (e) {
			console.warn(`ledger: warming after ${reason} failed:`, e);
		}
	});
	return chain;
}
