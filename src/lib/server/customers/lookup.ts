/**
 * Customer look-ups for the filter: the type-ahead over every customer, and whether a customer filter
 * names a customer at all. Both depend only on the loaded data, so answers are kept per data version
 * (a load moves the version; nothing stale is served after it).
 */
import { runQuery } from '$lib/server/db';
import { dataVersion } from '$lib/server/data-version';
import { VersionCache } from '$lib/server/version-cache';
import type { CustomerHit } from '$lib/customers/search';

export interface CustomerCheck {
	id: string;
	name: string | null;
	/** in customers, or at least in order_lines */
	known: boolean;
}

const checks = new VersionCache(2000);
const searches = new VersionCache(500);

async function rows<T>(name: string, params: Record<string, string | number>): Promise<T[]> {
	const r = await runQuery<T>(name, params);
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	return r.rows;
}

/** Whether `id` is a customer (customers table first; order lines only when it is missing there). */
export async function checkCustomer(id: string, version?: string): Promise<CustomerCheck> {
	const v = version ?? (await dataVersion());
	return checks.get(v, [id], async () => {
		const [row] = await rows<{ customer_id: string; name: string | null }>('customers/lookup', { id });
		if (row) return { id, name: row.name, known: true };
		const [line] = await rows<{ customer_id: string }>('customers/in_orders', { id });
		return { id, name: null, known: Boolean(line) };
	});
}

/** Customers whose id or name contains `q` (lower-cased), best matches first. */
export async function searchCustomers(q: string, limit: number): Promise<CustomerHit[]> {
	const v = await dataVersion();
	return searches.get(v, [q, limit], async () =>
		(await rows<CustomerHit & { rank: number }>('customers/search', { q, limit })).map(({ customer_id, name, segment, region }) => ({ customer_id, name, segment, region }))
	);
}
