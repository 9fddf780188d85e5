import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requestedScenario } from '$lib/server/assumptions/requested';
import { dataContext } from '$lib/server/context';
import { atRiskCustomers } from '$lib/server/customers/overview';
import { csvLine, exportName } from '$lib/customers/csv';
import { parseRiskSort } from '$lib/customers/risk';
import { metricFilters, readFilters } from '$lib/url-state';

const HEADER = [
	'rank', 'customer_id', 'name', 'segment', 'region', 'sales_rep', 'score', 'exposure', 'decline',
	'value_at_risk', 'history_monthly_spend', 'recent_monthly_spend', 'backordered_lines_6m', 'lines_6m',
	'last_incident', 'open_backorders', 'open_backorder_value', 'backorder_contacts_6m', 'escalations_6m'
];

const r2 = (v: number) => Math.round(v * 100) / 100;

/** Every at-risk customer for the page's filters as CSV, streamed; text cells neutralised against formulas. */
export const GET: RequestHandler = async ({ url }) => {
	const context = await dataContext();
	if (context.error) error(500, context.error);
	const filters = readFilters(url.searchParams, context.defaults);
	const sort = parseRiskSort(url.searchParams.get('rsort'));
	const requested = await requestedScenario(filters.scenario);
	if (!requested.ok) error(400, requested.error);
	const scenario = requested.scenario;
	let list;
	try {
		list = context.hasData ? await atRiskCustomers(metricFilters(filters), scenario.assumptions.keywords, sort) : [];
	} catch (e) {
		error(500, e instanceof Error ? e.message : String(e));
	}
	const enc = new TextEncoder();
	let i = 0;
	const CHUNK = 500;
	const stream = new ReadableStream<Uint8Array>({
		start(c) {
			c.enqueue(enc.encode('\ufeff' + csvLine(HEADER)));
		},
		pull(c) {
			let out = '';
			for (const end = Math.min(list.length, i + CHUNK); i < end; i++) {
				const r = list[i];
				out += csvLine([
					i + 1, r.customer_id, r.name, r.segment, r.region, r.sales_rep, r2(r.score), r2(r.exposure), r2(r.decline),
					r2(r.value_at_risk), r2(r.history_monthly), r2(r.recent_monthly), r.exposure_backordered_lines, r.exposure_lines,
					r.last_incident, r.open_backorders, r2(r.open_value), r.contacts, r.escalations
				]);
			}
			if (out) c.enqueue(enc.encode(out));
			if (i >= list.length) c.close();
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${exportName('at-risk-customers', filters.from, filters.to)}"`,
			'cache-control': 'no-store'
		}
	});
};
