/**
 * /drivers as a PDF: the breakdown by one dimension under the page's filters and picks: the cost in view
 * and its parts, the Pareto chart (of the focused component, when one is), and the table of members with
 * the screen's columns, fitted to the page width and continued over pages.
 */
import { SEMANTIC } from '$lib/charts/palette';
import { paretoData, paretoOption, paretoSentence } from '$lib/charts/pareto';
import { BREAKDOWN_COLUMNS, walletNotEstimable } from '$lib/drivers/columns';
import { COST_KEYS, COST_LABELS, DIMENSION_LABELS, DIMENSION_PLURALS, type CostKey, type Dimension, type Pick as DriverPick } from '$lib/drivers/dimensions';
import type { MemberRow } from '$lib/drivers/breakdown';
import { compactCurrency, currency as money, decimal, integer, monthShort, percent } from '$lib/format';
import type { MetricFilters } from '$lib/metrics/filters-type';
import { openPdf, type PaperSize } from './frame';
import { chart, heading, note, table } from './blocks';

export interface DriversPdfInput {
	dim: Dimension;
	cost: CostKey | null;
	picks: DriverPick[];
	members: MemberRow[];
	unattributed: MemberRow;
	totals: MemberRow;
	unplaceable: string[];
	/** why the view's share-of-wallet loss cannot be estimated (n/a, never $0) */
	walletReason: string | null;
	currency: string;
	filters: MetricFilters;
	scenario: string;
	size: PaperSize;
	generatedAt: Date;
}

/** The rows the PDF lists (the rest are in the CSV/XLSX export). */
export const PDF_MEMBER_ROWS = 60;

export function driversScope(i: Pick<DriversPdfInput, 'dim' | 'cost' | 'picks'>): string[] {
	return [
		`By ${DIMENSION_LABELS[i.dim].toLowerCase()}`,
		...(i.cost ? [`Component: ${COST_LABELS[i.cost]}`] : []),
		...i.picks.map((p) => `Picked ${DIMENSION_LABELS[p.dim].toLowerCase()}: ${p.value ?? '(none)'}`)
	];
}

export function driversPdf(input: DriversPdfInput): Promise<Buffer> {
	const { dim, cost, currency } = input;
	const f = openPdf({
		size: input.size,
		title: `Backorder cost by ${dim} ${input.filters.from} to ${input.filters.to}`,
		subtitle: 'where backorder cost comes from',
		filters: input.filters,
		scenario: input.scenario,
		scope: driversScope(input),
		generatedAt: input.generatedAt
	});
	const label = (m: MemberRow) => (dim === 'month' && m.kind === 'member' && m.member ? monthShort(`${m.member}-01`) : m.label);
	let y = f.page();
	y = heading(f, `Backorder cost in view: ${money(input.totals.total, currency)}`, y);
	const walletNa = (r: MemberRow) => walletNotEstimable(dim, r, input.walletReason);
	y = note(f, COST_KEYS.map((k) => `${COST_LABELS[k]} ${k === 'wallet_lost_margin' && walletNa(input.totals) ? 'n/a' : compactCurrency(input.totals[k], currency)}`).join('  ·  '), y);
	if (input.walletReason) y = note(f, `Share-of-wallet loss n/a: ${input.walletReason}.`, y);

	const measure = cost ?? 'total';
	const pareto = paretoData(input.members.filter((m) => m.kind === 'member').map((m) => ({ key: m.member!, label: label(m), value: m[measure] })), 12);
	y = heading(f, `Concentration by ${DIMENSION_LABELS[dim].toLowerCase()}${cost ? `: ${COST_LABELS[cost].toLowerCase()}` : ''}`, y + 4);
	y = note(f, paretoSentence(pareto, DIMENSION_PLURALS[dim]), y);
	if (pareto.count) y = chart(f, paretoOption(pareto, SEMANTIC.light, currency, null, { width: f.inner }), y, Math.min(260, f.bottom - y - 10));

	const columns = BREAKDOWN_COLUMNS.filter((c) => c.screen);
	const fmt = (type: string, v: number) => (type === 'money' ? money(v, currency) : type === 'decimal' ? decimal(v, 1) : integer(v));
	const sorted = [...input.members].sort((a, b) => b[measure] - a[measure] || a.label.localeCompare(b.label));
	const shown = sorted.slice(0, PDF_MEMBER_ROWS);
	const cells = (r: MemberRow, name: string) => [
		name,
		...columns.map((c) =>
			r.kind === 'member' && input.unplaceable.includes(c.key) ? '-' : c.key === 'wallet_lost_margin' && walletNa(r) ? 'n/a' : fmt(c.type, r[c.key] as number)
		),
		input.totals.total > 0 ? percent(r.total / input.totals.total, 1) : '-'
	];
	y = f.page();
	y = heading(f, `Cost by ${DIMENSION_LABELS[dim].toLowerCase()}${sorted.length > shown.length ? `: the top ${shown.length} of ${integer(sorted.length)} by ${cost ? COST_LABELS[cost].toLowerCase() : 'total cost'} (all of them in the CSV/XLSX export)` : ''}`, y);
	table(
		f,
		[{ label: DIMENSION_LABELS[dim], weight: 2.4 }, ...columns.map((c) => ({ label: c.label, weight: 1, align: 'right' as const })), { label: 'Share', weight: 0.6, align: 'right' }],
		[...shown.map((r) => cells(r, label(r))), cells(input.unattributed, 'Unattributed'), cells(input.totals, 'Total')],
		y
	);
	return f.finish();
}
