import { error } from '@sveltejs/kit';
import { activeScenario } from '$lib/server/assumptions/store';
import { dataContext } from '$lib/server/context';
import { customerDetail, MAX_ID_LENGTH } from '$lib/server/customers/customer';
import { customerPdf } from '$lib/server/pdf/customer-pdf';
import { pdfResponse, readPaper } from '$lib/server/pdf/frame';
import { exportFilename } from '$lib/export/cells';
import { readFilters } from '$lib/url-state';
import type { RequestHandler } from './$types';

/** GET /customers/<id>.pdf?<filters>&paper=a4|letter: one customer's page as a PDF. */
export const GET: RequestHandler = async ({ params, url }) => {
	const context = await dataContext();
	if (!context.hasData) error(409, 'No data is loaded yet, so there is nothing to export.');
	const paper = readPaper(url.searchParams);
	if (typeof paper === 'object') error(400, paper.error);
	const id = params.id;
	if (id.length > MAX_ID_LENGTH) error(404, 'There is no customer with that id.');
	const scenario = await activeScenario();
	const detail = await customerDetail(id, scenario.assumptions.keywords, context);
	if (!detail) error(404, `There is no customer "${id.slice(0, 80)}" in the loaded data.`);
	const filters = readFilters(url.searchParams, context.defaults);
	const pdf = await customerPdf({ detail, filters, scenario: scenario.name, size: paper, generatedAt: new Date(), currency: scenario.assumptions.currency });
	return pdfResponse(pdf, exportFilename(['customer', id], 'pdf'));
};
