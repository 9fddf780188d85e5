import { columnRows, runQuery, runQueryColumns } from '$lib/server/db';
import type { MetricFilters } from '$lib/metrics/filters-type';
import { estimateWalletSteps, monthIndex, monthLabel, type WalletResult } from '$lib/metrics/wallet';
import { fullMonths, panelFromRows, type CustomerMonthsRow, type WalletPanel } from '$lib/metrics/wallet-panel';
import { inSlices } from '../slices';

export { fullMonths };

export interface WalletEstimate extends WalletResult {
	/** the months with full data (YYYY-MM), null when there are no order lines */
	data_months: { from: string; to: string } | null;
}

interface RangeRow {
	first_date: string | null;
	last_date: string | null;
	lines: number;
	data_version: string | null;
}

/**
 * The customer × month panel is the one expensive step (a scan and a two-level aggregation of every
 * order line, about a second of CPU at 10M lines), and it depends only on the loaded data and the
 * product filters: periods and customer filters are cut from it in memory. A few panels are kept,
 * keyed by a fingerprint of the data, so warm requests skip the scan.
 */
const panels = new Map<string, Promise<WalletPanel>>();
/** Results too: matching and the interval over thousands of treated customers take tens of ms of CPU. */
const results = new Map<string, WalletEstimate>();

export function clearWalletCache(): void {
	panels.clear();
	results.clear();
}

/** Least-recently-used lookup: a hit moves to the back, the front is evicted past `keep`. */
function remember<V>(cache: Map<string, V>, key: string, keep: number, make: () => V): V {
	const hit = cache.get(key);
	if (hit !== undefined) {
		cache.delete(key);
		cache.set(key, hit);
		return hit;
	}
	const v = make();
	cache.set(key, v);
	while (cache.size > keep) cache.delete(cache.keys().next().value!);
	return v;
}

function dataKey(range: RangeRow, filters: MetricFilters): string {
	return JSON.stringify([range.data_version, range.lines, range.first_date, range.last_date, filters.category ?? null, filters.supplier ?? null]);
}

function panel(range: RangeRow, filters: MetricFilters): Promise<WalletPanel> {
	const key = dataKey(range, filters);
	return remember(panels, key, 4, () => {
		const p = loadPanel(monthIndex(range.first_date!), filters);
		p.catch(() => panels.delete(key));
		return p;
	});
}

async function loadPanel(baseMonth: number, filters: MetricFilters): Promise<WalletPanel> {
	// as columns: 50k customers with their month lists read in a quarter of the time rows take at 10M lines
	const r = await runQueryColumns<{ [K in keyof CustomerMonthsRow]: CustomerMonthsRow[K] }>('wallet/customer_months', {
		category: filters.category ?? null,
		supplier: filters.supplier ?? null
	});
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	return panelFromRows(columnRows(r), baseMonth);
}

/**
 * The share-of-wallet block of the ledger for a period and filters (see src/lib/metrics/wallet.ts for
 * the method). Segment and region restrict who can be treated, who can be a control and whom the
 * terciles are computed over; category and supplier restrict which lines count as revenue and as
 * backorders. Throws on a database error; the caller turns it into a message.
 */
export async function walletEstimate(
	filters: MetricFilters,
	grossMargin: number,
	opts: { window?: number } = {}
): Promise<WalletEstimate> {
	const range = await runQuery<RangeRow>('wallet/data_range');
	if (!range.ok) throw new Error(`${range.error.query}: ${range.error.message}`);
	const r = range.rows[0];
	const data = r?.first_date && r.last_date ? fullMonths(r.first_date, r.last_date) : null;
	const key = JSON.stringify([dataKey(r, filters), filters.from, filters.to, filters.segment ?? null, filters.region ?? null, grossMargin, opts.window ?? null]);
	// shared, not copied: the result carries every cell's control ids, and no caller changes it
	const cached = results.get(key);
	if (cached) return cached;
	let customers: WalletPanel['customers'] = [];
	let baseMonth = 0;
	if (data) {
		const p = await panel(r, filters);
		baseMonth = p.baseMonth;
		const { segment, region } = filters;
		customers = p.customers.filter((c) => (segment == null || c.segment === segment) && (region == null || c.region === region));
	}
	const result = await inSlices(estimateWalletSteps({
		customers,
		baseMonth,
		periodFrom: monthIndex(filters.from),
		periodTo: monthIndex(filters.to),
		dataFrom: data?.from ?? 0,
		dataTo: data?.to ?? -1,
		grossMargin,
		window: opts.window
	}));
	const out = { ...result, data_months: data ? { from: monthLabel(data.from), to: monthLabel(data.to) } : null };
	remember(results, key, 32, () => out);
	return out;
}
