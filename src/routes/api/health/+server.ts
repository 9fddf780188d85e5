import { json } from '@sveltejs/kit';
import { runQuery } from '$lib/server/db';

/** Liveness plus "can the database answer": used by the e2e harness and by a reverse proxy. */
export async function GET() {
	const r = await runQuery<{ table_name: string; row_count: string }>('table_counts');
	if (!r.ok) return json({ ok: false, error: r.error.message }, { status: 503 });
	return json({ ok: true, tables: Object.fromEntries(r.rows.map((x) => [x.table_name, Number(x.row_count)])) });
}
