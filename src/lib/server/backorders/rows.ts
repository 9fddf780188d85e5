/**
 * The fill queue's query results, cached by data version and bound parameters (as the ledger's are), so a
 * warm request for the same filters reads no line again: an edited assumption re-prices cached rows.
 */
import { bindFor, readSql, runQuery, type Params } from '../db';
import { VersionCache } from '../version-cache';

const cache = new VersionCache(200);

export function backorderRows<T>(name: string, params: Params, version?: string): Promise<T[]> {
	const file = `backorders/${name}`;
	return cache.get(version, [file, bindFor(readSql(file), params)], async () => {
		const r = await runQuery<T>(file, params);
		if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
		return r.rows;
	});
}
