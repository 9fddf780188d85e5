/**
 * What the loaded data can support, said beside the figures (DESIGN §2.1, issue 14): where the period's
 * backorders come from — recorded in the files, derived from shipments, inferred from dates, or nowhere —
 * and the gaps that change what a figure means (a gross margin that is a fallback or not positive, lost
 * deals without an amount or a reason). Pure: the ledger page, /capital, the PDF and the API read it.
 */
import { percent } from '$lib/format';

export interface DataNotesRow {
	lines: number;
	recorded: number;
	shipments: number;
	dates: number;
	lost_or_no_bid: number;
	lost_without_reason: number;
	lost_zero_amount: number;
}

export type BackorderSourceKind = 'recorded' | 'shipments' | 'dates' | 'none' | 'mixed';

export interface BackorderSource {
	/** order lines of the period by where their backorder figures come from */
	recorded: number;
	shipments: number;
	dates: number;
	none: number;
	kind: BackorderSourceKind | null;
	text: string | null;
}

export const SOURCE_LABELS: Record<Exclude<BackorderSourceKind, 'mixed'>, string> = {
	recorded: 'recorded in the order lines',
	shipments: 'derived from shipments',
	dates: 'inferred from ship and promised dates',
	none: 'no source'
};

export function backorderSource(r: DataNotesRow, graceDays: number): BackorderSource {
	const none = Math.max(0, r.lines - r.recorded - r.shipments - r.dates);
	const counts = { recorded: r.recorded, shipments: r.shipments, dates: r.dates, none };
	if (r.lines === 0) return { ...counts, kind: null, text: null };
	const present = (Object.keys(counts) as (keyof typeof counts)[]).filter((k) => counts[k] > 0);
	const days = `${graceDays} day${graceDays === 1 ? '' : 's'}`;
	if (present.length === 1) {
		const kind = present[0];
		const text = {
			recorded: 'Backorders as recorded in the order lines.',
			shipments: `Backorders derived from shipments: a line counts as backordered for what did not ship within ${days} of its order date (an assumption).`,
			dates: `Backorders inferred from dates: a line shipped more than ${days} after its promised date counts as backordered in full (an assumption); there are no shipments and no backorder quantities.`,
			none: 'No backorder source: the order lines record no backorder quantities, no shipments are loaded, and there are no ship and promised dates to infer late lines from. Every figure that rests on backorders is zero, not measured — load shipments, or map a backorder quantity or a status.'
		}[kind];
		return { ...counts, kind, text };
	}
	const share = (n: number) => percent(n / r.lines, 0);
	const parts = present.map((k) => `${share(counts[k])} ${SOURCE_LABELS[k]}`);
	return { ...counts, kind: 'mixed', text: `Backorders of the period's order lines: ${parts.join(', ')}.` };
}

/** The notes that change what the page's figures mean; empty when there is nothing to say. */
export function dataNotes(r: DataNotesRow, source: BackorderSource, margin: { value: number; source: 'data' | 'fallback' }): string[] {
	const out: string[] = [];
	if (source.kind && source.kind !== 'recorded') out.push(source.text!);
	if (margin.source === 'fallback') out.push(`Gross margin ${percent(margin.value, 0)} is the fallback assumption: the period's lines have no unit costs to compute it from.`);
	else if (margin.value <= 0) out.push(`Gross margin is ${percent(margin.value, 1)}: the unit costs are at or above the prices (list prices taken as costs?), so margin-based costs are zero or negative.`);
	if (r.lost_zero_amount > 0) {
		const one = r.lost_zero_amount === 1;
		out.push(`${r.lost_zero_amount} lost or not-bid deal${one ? ' has' : 's have'} no amount, so ${one ? 'it adds' : 'they add'} nothing to the value lost.`);
	}
	if (r.lost_or_no_bid > 0 && r.lost_without_reason === r.lost_or_no_bid) {
		out.push('No lost deal has a loss reason or a note: deals lost to availability cannot be told from the others, so none is counted.');
	} else if (r.lost_without_reason > 0) {
		out.push(`${percent(r.lost_without_reason / r.lost_or_no_bid, 0)} of lost deals have no loss reason or note: those cannot be counted as lost to availability.`);
	}
	return out;
}
