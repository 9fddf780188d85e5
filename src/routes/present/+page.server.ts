import { pageScenario } from '$lib/server/assumptions/requested';
import { metricFilters, readCompare } from '$lib/url-state';
import { capitalData } from '$lib/server/metrics/capital';
import { dataVersion, ledgerSummary } from '$lib/server/metrics/summary';
import { ledgerTrend } from '$lib/server/metrics/trend';
import { companyWallet } from '$lib/server/scope/wallet';
import { capitalTerms, ledgerB } from '$lib/capital/terms';
import { comparisonPeriod } from '$lib/periods';
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { PageServerLoad } from './$types';

/** Everything the five slides show, from the same server functions as the pages they summarise. */
export const load: PageServerLoad = async ({ parent, url }) => {
	const { context, filters } = await parent();
	if (!context.hasData) return { deck: null, error: null };
	const f: MetricFilters = metricFilters(filters);
	// an unknown ?scenario= is a 400 page naming the saved ones, never the active figures under its name
	const scenario = await pageScenario(filters.scenario);
	try {
		const version = await dataVersion();
		// the period the deck compares with: compare_from/compare_to as on the ledger page, else the previous one
		const prev = comparisonPeriod(f, readCompare(url.searchParams));
		// nothing but the comparison's tiles waits for the comparison; the capital scans start at once (b later)
		const currentP = ledgerSummary(f, scenario, { version });
		const [current, previous, trend, wallet, capital] = await Promise.all([
			currentP,
			context.firstOrder && prev.to >= context.firstOrder ? ledgerSummary({ ...f, ...prev }, scenario, { version }) : null,
			currentP.then((c) => ledgerTrend(f, scenario, c, version)),
			// the company's estimate: under a filter the slide shows its attributed part (src/lib/scope.ts)
			currentP.then((c) => companyWallet(f, c.gross_margin, { window: scenario.assumptions.wallet_window_months, version })).then((w) => w.est),
			capitalData(f, currentP.then(ledgerB), scenario.assumptions.carrying_rate, scenario.assumptions.baseline_days)
		]);
		const set = capital.filtered;
		return {
			deck: {
				current,
				previous,
				compare: prev,
				trend,
				eventStudy: wallet.event_study,
				preTrend: wallet.pre_trend,
				curve: { curve: set.result.curve, scaled: set.scaled, today: set.result.today, optimum: set.result.optimum, whatif: null },
				terms: capitalTerms({ totalBackorderCost: current.total_backorder_cost, backorderedQty: current.orders.backordered_qty, h: set.h })
			},
			error: null
		};
	} catch (e) {
		return { deck: null, error: e instanceof Error ? e.message : String(e) };
	}
};
