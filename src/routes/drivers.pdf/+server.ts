import { json } from '@sveltejs/kit';
import { isDimension } from '$lib/drivers/dimensions';
import { readCost } from '$lib/drivers/links';
import { breakdown, parseDriversRequest } from '$lib/server/drivers/breakdown';
import { driversPdf } from '$lib/server/pdf/drivers-pdf';
import { pdfResponse, readPaper } from '$lib/server/pdf/frame';
import type { RequestHandler } from './$types';

/**
 * GET /drivers.pdf?<the page's filters, dim, picks, cost>&paper=a4|letter: the cost-drivers breakdown as a
 * PDF, every pick applied (each page's header names them).
 */
export const GET: RequestHandler = async ({ url }) => {
	const paper = readPaper(url.searchParams);
	if (typeof paper === 'object') return json(paper, { status: 400 });
	const req = await parseDriversRequest(url.searchParams, ['dim', 'hx', 'hy', 'cost', 'paper']);
	if (!req.ok) return json({ error: req.error }, { status: req.status });
	const dim = req.extra.dim ?? 'supplier';
	if (!isDimension(dim)) return json({ error: '"dim" must be a breakdown dimension' }, { status: 400 });
	const b = await breakdown(req.filters, dim, null, req.scenario, { version: req.version, ratesPeriod: req.period });
	const pdf = await driversPdf({
		dim,
		cost: readCost(url.searchParams),
		picks: req.picks,
		members: b.members,
		unattributed: b.unattributed,
		totals: b.totals,
		unplaceable: b.unplaceable,
		walletReason: b.wallet_not_estimable,
		currency: b.currency,
		// the filters as asked; the picks are named once, as picks (driversScope)
		filters: req.base,
		scenario: req.scenario.name,
		size: paper,
		generatedAt: new Date()
	});
	return pdfResponse(pdf, `backorder-cost-by-${dim}-${req.period.from}-to-${req.period.to}.pdf`);
};
