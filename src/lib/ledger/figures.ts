/**
 * Every ledger figure of DESIGN §6, by its path in the summary JSON, with how to show it: the one list
 * the period comparison of /api/summary (deltas) and the scenario comparison of /compare walk, so both
 * name the same figures. Pure; safe in the browser.
 */
export type FigureKind = 'money' | 'count' | 'share' | 'days' | 'ratio' | 'rate';

export interface LedgerFigure {
	path: string;
	label: string;
	kind: FigureKind;
}

export const LEDGER_FIGURES: readonly LedgerFigure[] = [
	{ path: 'total_backorder_cost', label: 'Total backorder cost', kind: 'money' },
	{ path: 'holding.savings', label: 'Holding savings', kind: 'money' },
	{ path: 'net_cost', label: 'Net cost', kind: 'money' },
	{ path: 'cost_per_dollar_saved', label: 'Cost per $1 saved', kind: 'ratio' },
	{ path: 'orders.lines', label: 'Order lines', kind: 'count' },
	{ path: 'orders.backordered_lines', label: 'Backordered lines', kind: 'count' },
	{ path: 'orders.line_fill_rate', label: 'Line fill rate', kind: 'share' },
	{ path: 'orders.ordered_value', label: 'Ordered value', kind: 'money' },
	{ path: 'orders.backordered_value', label: 'Backordered value', kind: 'money' },
	{ path: 'orders.value_fill_rate', label: 'Value fill rate', kind: 'share' },
	{ path: 'orders.avg_backorder_days', label: 'Average backorder days', kind: 'days' },
	{ path: 'service.backorder_contacts', label: 'Backorder contacts', kind: 'count' },
	{ path: 'service.cost', label: 'Service cost', kind: 'money' },
	{ path: 'sales.backorder_activities', label: 'Sales activities on backorders', kind: 'count' },
	{ path: 'sales.hours', label: 'Sales hours', kind: 'count' },
	{ path: 'sales.cost', label: 'Sales time cost', kind: 'money' },
	{ path: 'sales.opportunity_cost', label: 'Selling time lost', kind: 'money' },
	{ path: 'cancellations.value', label: 'Cancelled value', kind: 'money' },
	{ path: 'cancellations.lost_margin', label: 'Margin lost to cancellations', kind: 'money' },
	{ path: 'wallet.treated_customers', label: 'Customers with a first backorder', kind: 'count' },
	{ path: 'wallet.did_pct', label: 'Spend change after a backorder', kind: 'share' },
	{ path: 'wallet.lost_revenue', label: 'Share-of-wallet revenue lost', kind: 'money' },
	{ path: 'wallet.lost_margin', label: 'Share-of-wallet margin lost', kind: 'money' },
	{ path: 'winloss.lost_deals', label: 'Deals lost to availability', kind: 'count' },
	{ path: 'winloss.lost_value', label: 'Value of deals lost', kind: 'money' },
	{ path: 'winloss.expected_lost_margin', label: 'Expected margin of lost deals', kind: 'money' },
	{ path: 'holding.baseline_value', label: 'Baseline inventory', kind: 'money' },
	{ path: 'holding.period_value', label: 'Period inventory', kind: 'money' },
	{ path: 'gross_margin', label: 'Gross margin', kind: 'share' }
];

/** The number at a dotted path, or null when absent or not a finite number. */
export function figureAt(summary: unknown, path: string): number | null {
	let v: unknown = summary;
	for (const k of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export interface FigureRow extends LedgerFigure {
	a: number | null;
	b: number | null;
	/** a − b; null when either side cannot be computed (never a silent 0) */
	delta: number | null;
}

/** Every figure of two summaries side by side, with a − b. */
export function compareFigures(a: unknown, b: unknown): FigureRow[] {
	return LEDGER_FIGURES.map((f) => {
		const x = figureAt(a, f.path);
		const y = figureAt(b, f.path);
		return { ...f, a: x, b: y, delta: x === null || y === null ? null : x - y };
	});
}

/** The deltas as a flat object keyed by path (the /api/summary `compare.deltas` block). */
export function figureDeltas(a: unknown, b: unknown): Record<string, number | null> {
	return Object.fromEntries(compareFigures(a, b).map((r) => [r.path, r.delta]));
}
