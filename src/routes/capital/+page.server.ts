import { pageScenario } from '$lib/server/assumptions/requested';
import { listScenarios } from '$lib/server/assumptions/store';
import { metricFilters } from '$lib/url-state';
import { dataVersion, ledgerSummary } from '$lib/server/metrics/summary';
import { capitalData } from '$lib/server/metrics/capital';
import { capitalTerms, costPerBackorderedUnit, ledgerB } from '$lib/capital/terms';
import type { MetricFilters } from '$lib/metrics/filters-type';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { context, filters } = await parent();
	const tokenRequired = Boolean(process.env.LEDGER_TOKEN);
	if (!context.hasData) return { view: null, whatifs: [], scenarioWhatIf: null, error: null, tokenRequired };
	const f: MetricFilters = metricFilters(filters);
	const scenario = await pageScenario(filters.scenario);
	try {
		const a = scenario.assumptions;
		const summaryP = dataVersion().then((version) => ledgerSummary(f, scenario, { version }));
		const bP = summaryP.then(ledgerB);
		const [s, capital, listed] = await Promise.all([summaryP, capitalData(f, bP, a.carrying_rate, a.baseline_days), listScenarios()]);
		// what-ifs are scenarios saved on the server (issue 17); the requested one's opens with its what-if
		const whatifs = listed.flatMap((x) => (x.what_if ? [{ name: x.name, what_if: x.what_if }] : []));
		const scenarioWhatIf = listed.find((x) => x.name === scenario.name)?.what_if?.whatif ?? null;
		return {
			view: {
				scenario: { name: scenario.name, updated_at: scenario.updated_at, carrying_components: scenario.values.carrying_components },
				currency: s.currency,
				carrying_rate: a.carrying_rate,
				baseline_days: a.baseline_days,
				holding: s.holding,
				total_backorder_cost: s.total_backorder_cost,
				backordered_qty: s.orders.backordered_qty,
				b: costPerBackorderedUnit(s.total_backorder_cost, s.orders.backordered_qty),
				// b, h and b/(b+h) for the filtered SKUs and for all of them (the page's toggle), from one source
				terms: {
					filtered: capitalTerms({ totalBackorderCost: s.total_backorder_cost, backorderedQty: s.orders.backordered_qty, h: capital.filtered.h }),
					all: capital.all ? capitalTerms({ totalBackorderCost: s.total_backorder_cost, backorderedQty: s.orders.backordered_qty, h: capital.all.h }) : null
				},
				// the curve's optimum rests on b: say what the backorders it divides by come from
				data_notes: s.data_notes,
				capital
			},
			whatifs,
			scenarioWhatIf,
			error: null,
			tokenRequired
		};
	} catch (e) {
		return { view: null, whatifs: [], scenarioWhatIf: null, error: e instanceof Error ? e.message : String(e), tokenRequired };
	}
};
