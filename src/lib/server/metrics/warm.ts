/**
 * Warming after a start and after a load: the default views — /api/summary, the home page and
 * /customers without filters — are computed (or, after a start, read from the answers kept in the
 * database file: answer-store.ts) before the first visitor asks, and then the in-memory caches a new
 * filter set needs (the wallet panel, the fill-priority plan, the ledger queries) are filled.
 *
 * After a start this runs in the background; a load awaits it before it reports done (data/load.ts),
 * so the first answer after a load is ready when the load says so. One warm-up at a time: a request that
 * arrives meanwhile waits for the same work, never repeats it.
 */
import { comparisonPeriod } from '$lib/periods';
import { metricFilters, readFilters } from '$lib/url-state';
import { readCustomerParams } from '$lib/customers/params';
import { dataContext } from '../context';
import { requestedScenario } from '../assumptions/requested';
import { customersOverview } from '../customers/overview';
import { homeData } from './home';
import { computeLedgerSummary, dataVersion, summaryResponse } from './summary';

let chain: Promise<void> = Promise.resolve();

const since = (t: number) => Math.round(performance.now() - t);

async function warm(reason: string): Promise<void> {
	const t0 = performance.now();
	const r = await summaryResponse(new URLSearchParams());
	if (r.status !== 200) {
		console.warn(`ledger: warming after ${reason} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
		return;
	}
	const parts = (r.body as { timings_ms?: Record<string, number> }).timings_ms ?? {};
	const kept = 'stored_answer' in parts;
	const context = await dataContext();
	if (!context.hasData) return;
	const none = new URLSearchParams();
	const filters = readFilters(none, context.defaults);
	const scenario = await requestedScenario(filters.scenario);
	if (!scenario.ok) return;
	const f = metricFilters(filters);
	await homeData(f, scenario.scenario, comparisonPeriod(filters, { compare_from: null, compare_to: null }), context.firstOrder);
	await customersOverview(f, scenario.scenario, readCustomerParams(none));
	console.log(`ledger: default views ready after ${reason} in ${since(t0)} ms (${kept ? 'kept in the database file' : `computed; ms per part: ${JSON.stringify(parts)}`})`);
	if (kept) {
		// the kept answers skipped the computation: fill the caches a new filter set reads
		const t1 = performance.now();
		await computeLedgerSummary(f, scenario.scenario, { version: await dataVersion() });
		console.log(`ledger: in-memory caches warmed in ${since(t1)} ms`);
	}
}

export function warmCaches(reason: string): Promise<void> {
	chain = chain.then(() =>
		warm(reason).catch((e) => {
			console.warn(`ledger: warming after ${reason} failed:`, e);
		})
	);
	return chain;
}
