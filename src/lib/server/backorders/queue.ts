/**
 * The open backorder lines of the filters, priced and sorted (DESIGN §4 "Acting on it"): the data behind
 * GET /api/backorders and /backorders. Lines come from queries/backorders/open_lines.sql, on-hand from
 * on_hand.sql; the pricing is src/lib/backorders/pricing.ts.
 */
import { byPriority, contactWeekCost, priceLine, skuQueue, type BucketEffects, type OpenLineInput, type PricedLine, type QueueRow, type Term } from '$lib/backorders/pricing';
import { filterParams, type MetricFilters } from '$lib/metrics/filters-type';
import type { Scenario } from '../assumptions/store';
import { backorderRows, customerRevenue, withRevenue } from './rows';
import { bucketEffects } from './effects';
import { measuredRates, type MeasuredRates } from './rates';

export interface Pricing {
	effects: BucketEffects;
	rates: MeasuredRates;
	contact_week: Term;
}

/** Effects and rates of the filters' period (the same for every filter of that period). */
export async function pricing(f: MetricFilters, scenario: Scenario, version?: string): Promise<Pricing> {
	const period = { from: f.from, to: f.to };
	const rates = await measuredRates(period, scenario, version);
	// the same options as the ledger's wallet estimate, so both read one cached estimate
	const effects = await bucketEffects(period, rates.gross_margin, { window: scenario.assumptions.wallet_window_months, version });
	return { effects, rates, contact_week: contactWeekCost(rates) };
}

export async function openLines(f: MetricFilters, version?: string): Promise<OpenLineInput[]> {
	const [rows, revenue] = await Promise.all([backorderRows<Omit<OpenLineInput, 'revenue_12m'>>('open_lines', filterParams(f), version), customerRevenue(f.to, version)]);
	return withRevenue(rows, revenue);
}

export async function onHand(skus: string[], to: string, version?: string): Promise<Map<string, { on_hand_qty: number; snapshot_date: string }>> {
	if (skus.length === 0) return new Map();
	const rows = await backorderRows<{ sku: string; on_hand_qty: number; snapshot_date: string }>('on_hand', { to, skus: skus.join('\u001f') }, version);
	return new Map(rows.map((x) => [x.sku, x]));
}

export interface OpenTotals {
	lines: number;
	units: number;
	cost_week: number;
	/** lines whose total leaves a term out, per term */
	excluded: Record<'wallet' | 'contacts' | 'deals', number>;
}

export function totalsOf(lines: PricedLine[]): OpenTotals {
	const excluded = { wallet: 0, contacts: 0, deals: 0 };
	for (const l of lines) for (const k of l.excludes) excluded[k]++;
	return { lines: lines.length, units: lines.reduce((s, l) => s + l.qty_open, 0), cost_week: lines.reduce((s, l) => s + l.cost_week, 0), excluded };
}

/** Every open line of the filters, priced, in priority order. */
export async function pricedOpenLines(f: MetricFilters, scenario: Scenario, version?: string) {
	const [lines, p] = await Promise.all([openLines(f, version), pricing(f, scenario, version)]);
	const priced = lines.map((l) => priceLine(l, p.effects, p.rates, p.contact_week)).sort(byPriority);
	return { pricing: p, lines: priced };
}

export interface SkuSummary {
	sku: string;
	supplier: string | null;
	lines: number;
	units: number;
	cost_week: number;
}

/** The SKUs with open lines, the costliest week first. */
export function skuSummaries(lines: PricedLine[]): SkuSummary[] {
	const m = new Map<string, SkuSummary>();
	for (const l of lines) {
		const s = m.get(l.sku) ?? { sku: l.sku, supplier: l.supplier, lines: 0, units: 0, cost_week: 0 };
		s.lines++;
		s.units += l.qty_open;
		s.cost_week += l.cost_week;
		m.set(l.sku, s);
	}
	return [...m.values()].sort((a, b) => b.cost_week - a.cost_week || (a.sku < b.sku ? -1 : 1));
}

/** One SKU's fill queue with the on-hand of its latest snapshot on or before the period's end. */
export async function fillQueue(lines: PricedLine[], sku: string, to: string, version?: string): Promise<{ sku: string; on_hand: number | null; snapshot_date: string | null; rows: QueueRow[] }> {
	const own = lines.filter((l) => l.sku === sku);
	const stock = (await onHand([sku], to, version)).get(sku) ?? null;
	return { sku, on_hand: stock?.on_hand_qty ?? null, snapshot_date: stock?.snapshot_date ?? null, rows: skuQueue(own, stock?.on_hand_qty ?? null) };
}

/** Every SKU's queue, costliest SKU first, as export rows (the /export/fill-queue.* downloads). */
export async function allQueues(lines: PricedLine[], to: string, version?: string): Promise<{ sku: string; on_hand: number | null; rows: QueueRow[] }[]> {
	const skus = skuSummaries(lines).map((s) => s.sku);
	const stock = await onHand(skus, to, version);
	return skus.map((sku) => {
		const on = stock.get(sku)?.on_hand_qty ?? null;
		return { sku, on_hand: on, rows: skuQueue(lines.filter((l) => l.sku === sku), on) };
	});
}
