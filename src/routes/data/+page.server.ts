import { runQuery } from '$lib/server/db';
import type { PageServerLoad } from './$types';

interface LoadRow {
	table_name: string;
	file: string;
	format: string;
	finished_at: string;
	rows_read: number;
	rows_loaded: number;
	rows_rejected: number;
}
interface RejectRow {
	table_name: string;
	column_name: string;
	rule: string;
	rejects: number;
	first_line: string;
	example_value: string | null;
}

export const load: PageServerLoad = async () => {
	const [counts, loads, rejects] = await Promise.all([
		runQuery<{ table_name: string; row_count: string }>('table_counts'),
		runQuery<LoadRow>('data/loads_recent'),
		runQuery<RejectRow>('data/rejects_by_rule')
	]);
	const error = [counts, loads, rejects].find((r) => !r.ok);
	return {
		tables: counts.ok ? counts.rows.map((r) => ({ table: r.table_name, rows: Number(r.row_count) })) : [],
		loads: loads.ok ? loads.rows : [],
		rejects: rejects.ok ? rejects.rows : [],
		error: error && !error.ok ? error.error.message : null
	};
};
