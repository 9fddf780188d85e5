/** The distinct reason values of contacts and opportunities, with row counts (see queries/data/reason_values.sql). */
import { runQuery } from '../db';
import { dataVersion } from '../metrics/summary';
import { VersionCache } from '../version-cache';

export interface ReasonValue {
	source: 'contacts' | 'opportunities';
	value: string;
	rows: number;
}

/** A group-by over every contact: kept per data version (loads are the only way the values change). */
const cache = new VersionCache(1);

export async function reasonValues(): Promise<ReasonValue[]> {
	return cache.get(await dataVersion(), ['reason_values'], async () => {
		const r = await runQuery<ReasonValue>('data/reason_values');
		if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
		return r.rows;
	});
}
