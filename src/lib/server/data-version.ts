/**
 * The one fingerprint of the loaded data (queries/data_version.sql): the load counter plus every table's
 * row count, instant to read. Result caches (VersionCache) and the derived tables are keyed by it, so
 * nothing computed from one load is served after another. The span of the orders (a scan) is kept per
 * fingerprint.
 */
import { runQuery } from './db';
import { VersionCache } from './version-cache';

interface Counts {
	data_version: string | null;
	customers: number;
	products: number;
	order_lines: number;
	inventory_snapshots: number;
	contacts: number;
	opportunities: number;
}

export interface DataRange extends Counts {
	first_order: string | null;
	last_order: string | null;
}

async function one<T>(name: string): Promise<T | undefined> {
	const r = await runQuery<T>(name);
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	return r.rows[0];
}

/** The fingerprint as a cache key. */
export const versionOf = (r: Counts): string =>
	[r.data_version, r.customers, r.products, r.order_lines, r.inventory_snapshots, r.contacts, r.opportunities].join('|');

const spans = new VersionCache(1);

/** What the database holds now; throws on a database error (callers answer 500). */
export async function dataRange(): Promise<DataRange | undefined> {
	const counts = await one<Counts>('data_version');
	if (!counts) return undefined;
	const span = await spans.get(versionOf(counts), ['span'], () => one<{ first_order: string | null; last_order: string | null }>('data_span'));
	return { ...counts, first_order: span?.first_order ?? null, last_order: span?.last_order ?? null };
}

export async function dataVersion(): Promise<string | undefined> {
	const r = await one<Counts>('data_version');
	return r ? versionOf(r) : undefined;
}
