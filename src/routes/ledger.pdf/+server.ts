import { error } from '@sveltejs/kit';
import { requestedScenario } from '$lib/server/assumptions/requested';
import { dataContext } from '$lib/server/context';
import { dataVersion, ledgerSummary } from '$lib/server/metrics/summary';
import { ledgerTrend } from '$lib/server/metrics/trend';
import { capitalTermsFor } from '$lib/server/metrics/capital';
import { ledgerPdf, type PaperSize } from '$lib/server/pdf/ledger-pdf';
import { comparisonPeriod } from '$lib/periods';
import { metricFilters, readCompare, readFilters } from '$lib/url-state';
import type { RequestHandler } from './$types';

/** GET /ledger.pdf?<the page's filters>&paper=a4|letter: the executive ledger as a PDF download. */
export const GET: RequestHandler = async ({ url }) => {
	const context = await dataContext();
	if (!context.hasData) error(409, 'No data is loaded yet, so there is no ledger to export.');
	const state = readFilters(url.searchParams, context.defaults);
	const filters = metricFilters(state);
	const paper = (url.searchParams.get('paper') ?? 'a4').toLowerCase();
	if (paper !== 'a4' && paper !== 'letter') error(400, 'paper must be a4 or letter');
	const requested = await requestedScenario(state.scenario);
	if (!requested.ok) error(400, requested.error);
	const scenario = requested.scenario;
	const version = await dataVersion();
	const prev = comparisonPeriod(filters, readCompare(url.searchParams));
	const [current, previous] = await Promise.all([
		ledgerSummary(filters, scenario, { version }),
		context.firstOrder && prev.to >= context.firstOrder ? ledgerSummary({ ...filters, ...prev }, scenario, { version }) : null
	]);
	const [trend, terms] = await Promise.all([
		ledgerTrend(filters, scenario, current, version),
		capitalTermsFor(filters, current, scenario.assumptions.carrying_rate, scenario.assumptions.baseline_days)
	]);
	const pdf = await ledgerPdf({ current, previous, trend, terms, filters, compare: prev, size: paper.toUpperCase() as PaperSize, generatedAt: new Date() });
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="backorder-ledger-${filters.from}-to-${filters.to}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};
