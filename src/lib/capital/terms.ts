/**
 * The one source of b, h and the critical ratio b/(b+h) (DESIGN §4, economic service level). /capital,
 * the present deck and the PDFs all show these three figures; they used to be computed in three places
 * (one of them a demand-weighted mean of per-SKU ratios, which does not equal b/(b+h) of the b and h shown
 * beside it), so a reader could not check one from the others. Pure and browser-safe.
 *
 * - b = total backorder cost / Σ qty_backordered, per backordered unit (null without backordered units);
 * - h = unit_cost × carrying_rate per unit-year, per SKU as DESIGN §4 defines it, shown as one figure:
 *   its mean over the SKUs with demand in the period, weighted by their annual demand;
 * - critical ratio = b / (b + h) of exactly those two figures, each taken to the cent as it is shown, so a
 *   reader who divides the shown b by the shown b + h gets the shown ratio.
 */
import { currencyExact, percent } from '$lib/format';

export interface CapitalTerms {
	/** cost per backordered unit */
	b: number | null;
	/** demand-weighted holding cost per unit-year */
	h: number | null;
	critical_ratio: number | null;
	/** why a figure is missing, when one is */
	reason: string | null;
}

/** How h is defined, said wherever it is shown. */
export const H_DEFINITION = 'unit cost × carrying rate per unit-year, weighted by each SKU’s annual demand';

/** b = total backorder cost / Σ qty_backordered (null without backordered units). */
export function costPerBackorderedUnit(totalBackorderCost: number | null, backorderedQty: number | null): number | null {
	const qty = backorderedQty ?? 0;
	return qty > 0 && totalBackorderCost !== null && Number.isFinite(totalBackorderCost) ? totalBackorderCost / qty : null;
}

/**
 * The b a ledger summary prices the service-level curve at: its cost per backordered unit, or 0 when that
 * cannot be measured (the curve then prices a backorder at nothing, and the terms say b is n/a).
 */
export function ledgerB(s: { total_backorder_cost: number | null; orders: { backordered_qty: number | null } }): number {
	return costPerBackorderedUnit(s.total_backorder_cost, s.orders.backordered_qty) ?? 0;
}

export function capitalTerms(input: { totalBackorderCost: number | null; backorderedQty: number | null; h: number | null }): CapitalTerms {
	const b = costPerBackorderedUnit(input.totalBackorderCost, input.backorderedQty);
	const h = input.h !== null && Number.isFinite(input.h) ? input.h : null;
	const bc = b === null ? null : cents(b);
	const hc = h === null ? null : cents(h);
	const critical_ratio = bc !== null && hc !== null && bc + hc > 0 ? bc / (bc + hc) : null;
	const reason =
		b === null ? 'no backordered units in the period' : h === null ? 'no SKU had demand in the period' : critical_ratio === null ? 'b and h are both 0' : null;
	return { b, h, critical_ratio, reason };
}

/** The three figures as text, the same strings on every surface (page cards, slide, PDF). */
export function termsText(t: CapitalTerms, currency = 'USD'): { b: string; h: string; critical_ratio: string } {
	const na = `n/a: ${t.reason ?? 'not computable'}`;
	return {
		b: t.b === null ? na : currencyExact(t.b, currency),
		h: t.h === null ? na : currencyExact(t.h, currency),
		critical_ratio: t.critical_ratio === null ? na : percent(t.critical_ratio)
	};
}

/** One line for a slide or a PDF page. */
export function termsLine(t: CapitalTerms, currency = 'USD'): string {
	const s = termsText(t, currency);
	return `Backorder cost per unit b ${s.b} · holding cost per unit-year h ${s.h} (${H_DEFINITION}) · critical ratio b/(b+h) ${s.critical_ratio}`;
}


const cents = (v: number) => Math.round(v * 100) / 100;
