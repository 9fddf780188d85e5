/**
 * Warming after a start and after a load: the default views — /api/summary and every page (home,
 * /customers, /capital, /drivers, /backorders, /present) without filters — are computed (or, after a
 * start, read from the answers kept in the database file: answer-store.ts) before the first visitor asks,
 * and then the in-memory caches a new filter set needs (the fill-priority plan, the ledger queries) are
 * filled.
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
import { answersWritten } from '../answer-store';
import { ledgerB } from '$lib/capital/terms';
import { readView } from '$lib/drivers/dimensions';
import { driversPage } from '../drivers/page-data';
import { backordersPage } from '../backorders/page';
import { capitalData } from './capital';
import { homeData } from './home';
import { computeLedgerSummary, dataVersion, summaryResponse } from './summary';

let chain: Promise<void> = Promise.resolve();

const since = (t: number) => Math.round(performance.now() - t);

export interface DefaultViews {
	ms: number;
	/** read from the answers kept in the database file, not computed */
	kept: boolean;
}

/**
 * Computes the default views (or reads them from the file): what the server's warm-up, `npm run ingest`
 * and the benchmark run after a load. null when nothing is loaded; throws when the ledger cannot answer.
 */
export async function defaultViews(reason: string): Promise<DefaultViews | null> {
	const t0 = performance.now();
	const context = await dataContext();
	if (!context.hasData) return null;
	const r = await summaryResponse(new URLSearchParams());
	if (r.status !== 200) throw new Error(`the ledger answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
	const parts = (r.body as { timings_ms?: Record<string, number> }).timings_ms ?? {};
	const kept = 'stored_answer' in parts;
	const none = new URLSearchParams();
	const filters = readFilters(none, context.defaults);
	const scenario = await requestedScenario(filters.scenario);
	if (!scenario.ok) throw new Error(`the active scenario cannot be read: ${scenario.error}`);
	const f = metricFilters(filters);
	const a = scenario.scenario.assumptions;
	const b = ledgerB(r.body as { total_backorder_cost: number; orders: { backordered_qty: number } });
	await homeData(f, scenario.scenario, comparisonPeriod(filters, { compare_from: null, compare_to: null }), context.firstOrder);
	await customersOverview(f, scenario.scenario, readCustomerParams(none));
	// /capital's scans and what-if exposure (2–3 s at 10M lines), priced at the ledger's b as the page prices
	// them; /drivers' default table and heat map; /backorders' queue
	await capitalData(f, b, a.carrying_rate, a.baseline_days);
	await driversPage(f, readView(none), scenario.scenario);
	await backordersPage(f, scenario.scenario, await dataVersion());
	console.log(`ledger: default views ready after ${reason} in ${since(t0)} ms (${kept ? 'kept in the database file' : `computed; ms per part: ${JSON.stringify(parts)}`})`);
	return { ms: since(t0), kept };
}

/** defaultViews, returning once they are written to the database file (for a process that exits next). */
export async function keepDefaultViews(reason: string): Promise<DefaultViews | null> {
	const views = await defaultViews(reason);
	await answersWritten();
	return views;
}

async function warm(reason: string): Promise<void> {
	const views = await defaultViews(reason);
	if (!views?.kept) return;
	// the kept answers skipped the computation: fill the caches a new filter set reads
	const t1 = performance.now();
	const context = await dataContext();
	const filters = readFilters(new URLSearchParams(), context.defaults);
	const scenario = await requestedScenario(filters.scenario);
	if (!scenario.ok) return;
	const f = metricFilters(filters);
	const version = await dataVersion();
	// the comparison period's too: the home page and /present price every new filter set in both periods,
	// and each period has its own fill-priority plan (seconds of CPU at 10M lines)
	await computeLedgerSummary(f, scenario.scenario, { version });
	const previous = comparisonPeriod(f, { compare_from: null, compare_to: null });
	if (context.firstOrder && previous.to >= context.firstOrder) await computeLedgerSummary({ ...f, ...previous }, scenario.scenario, { version });
	console.log(`ledger: in-memory caches warmed in ${since(t1)} ms`);
}

export function warmCaches(reason: string): Promise<void> {
	chain = chain.then(() =>
		warm(reason).catch((e) => {
			console.warn(`ledger: warming after ${reason} failed:`, e);
		})
	);
	return chain;
}
