/**
 * The fill queue's query results, cached by data version and bound parameters (as the ledger's are), so a
 * warm request for the same filters reads no line again: an edited assumption re-prices cached rows.
 */
import { bindFor, readSql, runQuery, runQueryColumns, type Params } from '../db';
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

/**
 * Results as columns, in a cache of their own: the fill-priority plan's lines of a period (hundreds of
 * thousands at 10M order lines, a million at 30M) are kept for the two periods a page prices (the period
 * and its comparison), so a scenario change re-plans without reading them again, and no more.
 */
const columnsCache = new VersionCache(2);

/** The same, as columns. */
export function backorderColumns<T extends Record<string, unknown>>(name: string, params: Params, version?: string) {
	const file = `backorders/${name}`;
	return columnsCache.get(version, [file, bindFor(readSql(file), params)], async () => {
		const r = await runQueryColumns<T>(file, params);
		if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
		return r;
	});
}

/** Every customer's revenue over the 12 months to `to` (one result per data version and period end). */
export async function customerRevenue(to: string, version?: string): Promise<Map<string, number>> {
	const rows = await backorderRows<{ customer_id: string; revenue_12m: number }>('customer_revenue', { to }, version);
	return new Map(rows.map((r) => [r.customer_id, r.revenue_12m]));
}

/** Rows with their customer's 12-month revenue (0 for a customer with no revenue in those months). */
export function withRevenue<T extends { customer_id: string }>(rows: T[], revenue: Map<string, number>): (T & { revenue_12m: number })[] {
	return rows.map((r) => ({ ...r, revenue_12m: revenue.get(r.customer_id) ?? 0 }));
}
