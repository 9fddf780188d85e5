/** The distinct reason values of contacts and opportunities, with row counts (see queries/data/reason_values.sql). */
import { runQuery } from '../db';

export interface ReasonValue {
	source: 'contacts' | 'opportunities';
	value: string;
	rows: number;
}

export async function reasonValues(): Promise<ReasonValue[]> {
	const r = await runQuery<ReasonValue>('data/reason_values');
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	return r.rows;
}
