import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isDimension } from '$lib/drivers/dimensions';
import { DRILL_COLUMNS, DRILL_LABELS } from '$lib/drivers/drill';
import { breakdownExportColumns, breakdownExportRow, walletNotEstimable } from '$lib/drivers/columns';
import { DATETIME_FORMAT, exportFilename } from '$lib/export/cells';
import { scopeRows } from '$lib/export/scope';
import { csvStream, inBatches, xlsxStream, type ExportColumn } from '$lib/export/writers';
import { breakdown, parseDriversRequest } from '$lib/server/drivers/breakdown';
import { drillStatement, parseDrillRequest } from '$lib/server/drivers/drill';
import { streamRows } from '$lib/server/drivers/stream';
import { QUEUE_COLUMNS, queueExportRow } from '$lib/backorders/export';
import { resolveRequest } from '$lib/server/backorders/api';
import { allQueues, pricedOpenLines } from '$lib/server/backorders/queue';

const FILES = ['breakdown.csv', 'breakdown.xlsx', 'drill.csv', 'drill.xlsx', 'fill-queue.csv', 'fill-queue.xlsx'] as const;
type ExportFile = (typeof FILES)[number];

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

function respond(body: ReadableStream<Uint8Array>, ext: 'csv' | 'xlsx', name: string) {
	return new Response(body, {
		headers: {
			'content-type': TYPES[ext],
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}

/**
 * Downloads of the explorer's tables: `/export/breakdown.csv|xlsx?dim=…` (every member, unattributed
 * last) and `/export/drill.csv|xlsx?kind=…[&m=…][&q=…]` (every matching record, streamed from DuckDB),
 * both with the filters and picks of the API, and `/export/fill-queue.csv|xlsx` (every SKU's fill queue under the
 * filters, issue 18). Text cells are neutralised against formula injection.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	if (!(FILES as readonly string[]).includes(params.file)) error(404, 'No such export');
	const file = params.file as ExportFile;
	const [table, ext] = file.split('.') as ['breakdown' | 'drill' | 'fill-queue', 'csv' | 'xlsx'];
	const picks = url.searchParams.getAll('pick');
	// the XLSX names what it covers on a Scope sheet (period, filters, picks, scenario: issue 17)
	const write = (name: string, columns: ExportColumn[], rows: AsyncIterable<Record<string, unknown>[]>, sheet: string, scope: [string, string][]) =>
		respond(ext === 'csv' ? csvStream(columns, rows) : xlsxStream(sheet, columns, rows, scope), ext, name);

	if (table === 'fill-queue') {
		// the fill queue (issue 18): every SKU's open lines in priority order, as /backorders prices them
		const req = await resolveRequest(url.searchParams, []);
		if (!req.ok) return json({ error: req.error }, { status: req.status });
		const { lines } = await pricedOpenLines(req.filters, req.scenario, req.version);
		const rows = (await allQueues(lines, req.filters.to, req.version)).flatMap((q) => q.rows.map((r) => queueExportRow(r, q.on_hand)));
		return write(exportFilename(['fill-queue', req.filters.sku ?? '', req.filters.to], ext), QUEUE_COLUMNS, inBatches(rows), 'Fill queue', scopeRows(req.filters, req.scenario.name));
	}

	if (table === 'breakdown') {
		const req = await parseDriversRequest(url.searchParams, ['dim']);
		if (!req.ok) return json({ error: req.error }, { status: req.status });
		const dim = req.extra.dim ?? 'supplier';
		if (!isDimension(dim)) return json({ error: '"dim" must be a breakdown dimension' }, { status: 400 });
		const b = await breakdown(req.filters, dim, null, req.scenario, { version: req.version, ratesPeriod: req.period });
		const rows = [...b.members, b.unattributed].map((r) => breakdownExportRow(r, b.totals.total, walletNotEstimable(dim, r, b.wallet_not_estimable)));
		const name = exportFilename(['backorder-cost-by', dim, req.filters.from, req.filters.to], ext);
		// the Scope sheet names the filters as asked and the picks once, as picks
		return write(name, breakdownExportColumns(dim), inBatches(rows), `Cost by ${dim}`, scopeRows(req.base, req.scenario.name, picks));
	}

	const p = await parseDrillRequest(url.searchParams, false);
	if (!p.ok) return json({ error: p.error }, { status: p.status });
	const { sql, values } = await drillStatement(p.req, p.scenario, p.version);
	const columns: ExportColumn[] = DRILL_COLUMNS[p.req.kind].map((c) => ({
		key: c.key,
		label: c.label,
		numFmt: c.type === 'money' ? '#,##0.00' : c.type === 'share' ? '0.00%' : c.key === 'contact_at' ? DATETIME_FORMAT : undefined,
		// real Excel dates, not text (issue 17)
		date: c.type === 'date'
	}));
	const member = p.req.choice.all ? '' : p.req.choice.unattributed ? `${p.req.choice.dim}-unattributed` : `${p.req.choice.dim}-${p.req.choice.value ?? 'none'}`;
	const name = exportFilename(['backorder', p.req.kind, member, p.req.filters.from, p.req.filters.to], ext);
	return write(name, columns, streamRows(sql, values), DRILL_LABELS[p.req.kind], scopeRows(p.req.filters, p.scenario.name, picks));
};
