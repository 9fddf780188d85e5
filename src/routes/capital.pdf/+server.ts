import { error } from '@sveltejs/kit';
import { activeScenario } from '$lib/server/assumptions/store';
import { dataContext } from '$lib/server/context';
import { dataVersion, ledgerSummary } from '$lib/server/metrics/summary';
import { capitalData } from '$lib/server/metrics/capital';
import { capitalTerms, ledgerB } from '$lib/capital/terms';
import { capitalPdf } from '$lib/server/pdf/capital-pdf';
import { pdfResponse, readPaper } from '$lib/server/pdf/frame';
import { checkCustomer } from '$lib/server/customers/lookup';
import { noSuchCustomer } from '$lib/customers/search';
import { readFilters } from '$lib/url-state';
import type { RequestHandler } from './$types';

/** GET /capital.pdf?<filters>&paper=a4|letter: the working-capital page as a PDF (the same figures as /capital). */
export const GET: RequestHandler = async ({ url }) => {
	const context = await dataContext();
	if (!context.hasData) error(409, 'No data is loaded yet, so there is nothing to export.');
	const paper = readPaper(url.searchParams);
	if (typeof paper === 'object') error(400, paper.error);
	const f = readFilters(url.searchParams, context.defaults);
	if (f.customer && !(await checkCustomer(f.customer)).known) error(400, noSuchCustomer(f.customer));
	const scenario = await activeScenario();
	const a = scenario.assumptions;
	const s = await ledgerSummary(f, scenario, { version: await dataVersion() });
	const capital = await capitalData(f, ledgerB(s), a.carrying_rate, a.baseline_days);
	const pdf = await capitalPdf({
		capital,
		terms: capitalTerms({ totalBackorderCost: s.total_backorder_cost, backorderedQty: s.orders.backordered_qty, h: capital.filtered.h }),
		holding: s.holding,
		carryingRate: a.carrying_rate,
		currency: s.currency ?? 'USD',
		filters: f,
		scenario: scenario.name,
		size: paper,
		generatedAt: new Date()
	});
	return pdfResponse(pdf, `working-capital-${f.from}-to-${f.to}.pdf`);
};
