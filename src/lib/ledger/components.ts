/**
 * The six cost components of the ledger (DESIGN §4 "Totals"), in the order the waterfall and the
 * narrative present them, read from a /api/summary answer.
 */
export interface SummaryFigures {
	orders: { lines: number; backordered_lines: number; line_fill_rate: number | null };
	service: { backorder_contacts: number; cost: number };
	sales: { backorder_activities: number; hours: number; cost: number; opportunity_cost: number };
	cancellations: { value: number; lost_margin: number };
	wallet: { treated_customers: number; did_pct: number | null; lost_revenue: number | null; lost_margin: number | null };
	winloss: { lost_deals: number; lost_value: number; expected_lost_margin: number };
	/** savings is null when there are no inventory snapshots to measure it */
	holding: { baseline_value: number | null; period_value: number | null; savings: number | null };
	total_backorder_cost: number;
	net_cost: number;
	cost_per_dollar_saved: number | null;
	/** where the period's backorder figures come from; absent in older callers' fixtures */
	backorder_source?: { kind: 'recorded' | 'shipments' | 'dates' | 'none' | 'mixed' | null };
}

export const COMPONENTS = [
	{ key: 'service', label: 'Service contacts', short: 'service contacts', link: '/drivers', pick: (s: SummaryFigures) => s.service.cost },
	{ key: 'sales_time', label: 'Sales time', short: 'sales time chasing stock', link: '/drivers', pick: (s: SummaryFigures) => s.sales.cost },
	{
		key: 'sales_opportunity',
		label: 'Selling time lost',
		short: 'selling time lost to chasing stock',
		link: '/drivers',
		pick: (s: SummaryFigures) => s.sales.opportunity_cost
	},
	{ key: 'cancelled', label: 'Cancelled margin', short: 'margin on cancelled lines', link: '/drivers', pick: (s: SummaryFigures) => s.cancellations.lost_margin },
	{ key: 'wallet', label: 'Share-of-wallet loss', short: 'share-of-wallet decline', link: '/customers', pick: (s: SummaryFigures) => s.wallet.lost_margin ?? 0 },
	{ key: 'deals', label: 'Deals lost', short: 'deals lost to availability', link: '/customers', pick: (s: SummaryFigures) => s.winloss.expected_lost_margin }
] as const;

export type ComponentKey = (typeof COMPONENTS)[number]['key'];

export function componentValues(s: SummaryFigures) {
	return COMPONENTS.map((c) => ({ key: c.key, label: c.label, short: c.short, link: c.link, value: c.pick(s) }));
}
