/**
 * The share-of-wallet loss by customer, and the wallet block under a sales-rep or customer filter.
 *
 * The estimate (src/lib/server/metrics/wallet.ts) is made over a population: the customers of the
 * segment/region filters, with revenue and backorders restricted by the product filters. A sales rep or a
 * single customer is too small a population for a matched difference in differences (one customer has
 * no controls of its own), so under those filters the population's estimate is kept and the filtered
 * customers' share of it is reported: lost · Σpre(their treated customers) / Σpre(all treated) — the same
 * pro-rata rule the drivers breakdown uses, so the two always agree. did_pct and its interval stay the
 * population's.
 */
import { runQuery } from '../db';
import { fullMonths, walletEstimate, type WalletEstimate } from '../metrics/wallet';
import { monthIndex, monthLabel, type WalletCustomer } from '$lib/metrics/wallet';
import type { MetricFilters } from '$lib/metrics/filters-type';
import { treatedPre } from '$lib/drivers/wallet-share';

interface PanelRow {
	customer_id: string;
	segment: string | null;
	region: string | null;
	t0: number | null;
	months: number[];
	revenue: number[];
	bo_months: number[] | null;
}

interface RangeRow {
	first_date: string | null;
	last_date: string | null;
	lines: number;
	data_version: string | null;
}

interface Attrs {
	sales_rep: string | null;
	name: string | null;
}

type PanelCustomer = WalletCustomer & { region: string | null };
interface Panel {
	baseMonth: number;
	customers: PanelCustomer[];
	attrs: Map<string, Attrs>;
}

/** A treated customer of the population with its pre-window revenue (the pro-rata weight). */
export interface TreatedCustomer {
	id: string;
	name: string | null;
	segment: string | null;
	region: string | null;
	sales_rep: string | null;
	/** the incident month t0, YYYY-MM */
	month: string;
	pre: number;
}

const panels = new Map<string, Promise<Panel>>();
const units = new Map<string, TreatedCustomer[]>();

export function clearDriversWalletCache(): void {
	panels.clear();
	units.clear();
}

async function range(): Promise<RangeRow | undefined> {
	const r = await runQuery<RangeRow>('wallet/data_range');
	if (!r.ok) throw new Error(`${r.error.query}: ${r.error.message}`);
	return r.rows[0];
}

function loadPanel(r: RangeRow, f: MetricFilters): Promise<Panel> {
	const key = JSON.stringify([r.data_version, r.lines, r.first_date, r.last_date, f.category ?? null, f.supplier ?? null]);
	let p = panels.get(key);
	if (!p) {
		p = (async () => {
			const [rows, attrs] = await Promise.all([
				runQuery<PanelRow>('wallet/customer_months', { category: f.category ?? null, supplier: f.supplier ?? null }),
				runQuery<{ customer_id: string } & Attrs>('drivers/customer_attrs')
			]);
			if (!rows.ok) throw new Error(`${rows.error.query}: ${rows.error.message}`);
			if (!attrs.ok) throw new Error(`${attrs.error.query}: ${attrs.error.message}`);
			const baseMonth = monthIndex(r.first_date!);
			let last = baseMonth;
			for (const row of rows.rows) for (const m of row.months) if (m > last) last = m;
			const customers = rows.rows.map((row): PanelCustomer => {
				const revenue = new Float64Array(last - baseMonth + 1);
				row.months.forEach((m, i) => (revenue[m - baseMonth] += row.revenue[i]));
				return { id: row.customer_id, segment: row.segment, region: row.region, annualWallet: null, t0: row.t0, revenue, boMonths: row.bo_months ?? [], t0Bucket: null };
			});
			return { baseMonth, customers, attrs: new Map(attrs.rows.map((a) => [a.customer_id, { sales_rep: a.sales_rep, name: a.name }])) };
		})();
		p.catch(() => panels.delete(key));
		panels.set(key, p);
		while (panels.size > 4) panels.delete(panels.keys().next().value!);
	}
	return p;
}

/**
 * The estimator's treated customers for these filters' population (segment, region, product filters,
 * period), before any sales-rep or customer restriction.
 */
export async function treatedCustomers(f: MetricFilters, window?: number): Promise<TreatedCustomer[]> {
	const r = await range();
	if (!r?.first_date || !r.last_date) return [];
	const key = JSON.stringify([r.data_version, r.lines, r.first_date, r.last_date, f.category ?? null, f.supplier ?? null, f.segment ?? null, f.region ?? null, f.from, f.to, window ?? null]);
	const hit = units.get(key);
	if (hit) return hit;
	const p = await loadPanel(r, f);
	const data = fullMonths(r.first_date, r.last_date);
	const customers = p.customers.filter((c) => (f.segment == null || c.segment === f.segment) && (f.region == null || c.region === f.region));
	const pre = treatedPre({ customers, baseMonth: p.baseMonth, periodFrom: monthIndex(f.from), periodTo: monthIndex(f.to), dataFrom: data.from, dataTo: data.to, window });
	const out: TreatedCustomer[] = [];
	customers.forEach((c, i) => {
		if (!(pre[i] > 0)) return;
		const a = p.attrs.get(c.id);
		out.push({ id: c.id, name: a?.name ?? null, segment: c.segment, region: c.region, sales_rep: a?.sales_rep ?? null, month: monthLabel(c.t0!), pre: pre[i] });
	});
	units.set(key, out);
	while (units.size > 32) units.delete(units.keys().next().value!);
	return out;
}

/** Whether a treated customer passes the sales-rep and customer filters. */
export const passesPersonFilters = (t: TreatedCustomer, f: MetricFilters): boolean =>
	(f.sales_rep == null || t.sales_rep === f.sales_rep) && (f.customer == null || t.id === f.customer);

export type FilteredWallet = WalletEstimate & {
	/** share of the population's loss these filters carry (1 without a sales-rep or customer filter) */
	population_share: number;
};

/**
 * The wallet block for any filters: the estimator's answer, or under a sales-rep/customer filter the
 * filtered customers' pro-rata share of the population's estimate (see the top of this file).
 */
export async function walletForFilters(f: MetricFilters, grossMargin: number, opts: Parameters<typeof walletEstimate>[2] = {}): Promise<FilteredWallet> {
	const population = { ...f, sales_rep: null, customer: null };
	const est = await walletEstimate(population, grossMargin, opts);
	if (f.sales_rep == null && f.customer == null) return { ...est, population_share: 1 };
	const treated = await treatedCustomers(population, opts.window);
	const all = treated.reduce((s, t) => s + t.pre, 0);
	const mine = treated.filter((t) => passesPersonFilters(t, f));
	const pre = mine.reduce((s, t) => s + t.pre, 0);
	const share = all > 0 ? pre / all : 0;
	return {
		...est,
		treated_customers: mine.length,
		lost_revenue: est.lost_revenue * share,
		lost_margin: est.lost_margin * share,
		pre_revenue: pre,
		population_share: share
	};
}
