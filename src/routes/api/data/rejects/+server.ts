import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { csvLine, exportFilename } from '$lib/export/cells';
import { isTableName } from '$lib/schema';
import { runQuery } from '$lib/server/db';

const HEADER = ['table', 'file', 'line', 'column', 'value', 'rule'];

/**
 * The rejected rows of the latest load as CSV (`?table=` for one table), text cells neutralised against
 * formula injection. The report keeps up to 100,000 rejects per table (the counts cover them all).
 */
export const GET: RequestHandler = async ({ url }) => {
	const table = url.searchParams.get('table');
	if (table !== null && !isTableName(table)) return json({ error: `"table" must be one of the canonical tables` }, { status: 400 });
	const r = await runQuery<{ table_name: string; file: string; line: number; column_name: string | null; value: string | null; rule: string }>(
		'data/rejects_rows',
		{ table }
	);
	if (!r.ok) return json({ error: r.error.message }, { status: 500 });
	const list = r.rows;
	const enc = new TextEncoder();
	let i = 0;
	const stream = new ReadableStream<Uint8Array>({
		start(c) {
			c.enqueue(enc.encode('\ufeff' + csvLine(HEADER)));
		},
		pull(c) {
			let out = '';
			for (const end = Math.min(list.length, i + 1000); i < end; i++) {
				const x = list[i];
				out += csvLine([x.table_name, x.file, Number(x.line), x.column_name, x.value, x.rule]);
			}
			if (out) c.enqueue(enc.encode(out));
			if (i >= list.length) c.close();
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFilename(['rejects', table ?? 'all-tables'], 'csv')}"`,
			'cache-control': 'no-store'
		}
	});
};
