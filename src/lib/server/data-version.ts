/**
 * The one fingerprint of the loaded data (queries/data_version.sql): the load counter plus every table's
 * row count. Result caches (VersionCache) and the derived tables are keyed by it, so nothing computed
 * from one load is served after another.
 */
import { runQuery } from './db';

export interface DataRange {
	data_version: string | null;
	customers: number;
	products: number;
	order_lines: number;
	inventory_snapshots: number;
	contacts: number;
	opportunities: number;
	first_order: string | null;
	last_order: string | null;
}

/** What the database holds now; throws on a database error (callers answer 500). */
export async function dataRange(): Promise<DataRange | undefined> {
	const r = await runQuery<DataRange>('data_version');
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	return r.rows[0];
}

/** The fingerprint as a cache key. */
export const versionOf = (r: DataRange): string =>
	[r.data_version, r.customers, r.products, r.order_lines, r.inventory_snapshots, r.contacts, r.opportunities].join('|');

export async function dataVersion(): Promise<string | undefined> {
	const r = await dataRange();
	return r ? versionOf(r) : undefined;
}
