/**
 * The six cost components of the ledger (DESIGN §4 "Totals"), in the order the waterfall and the
 * narrative present them, read from a /api/summary answer with their scope under its filters
 * (src/lib/scope.ts): a component a filter cannot reach has value 0 in the total and its amount in
 * `outside`, which every view shows beside the total ("not attributable to this filter").
 */
import type { ScopeStatus, Scoped } from '$lib/scope';
import { walletNa } from './wallet-notes';

export interface ScopeFigures {
	filters: { customer: string[]; product: string[] };
	components: Record<Scoped, { status: ScopeStatus; label: string; rules: string[]; not_attributable: number | null }>;
	not_attributable_total: number;
}

export interface SummaryFigures {
	orders: { lines: number; backordered_lines: number; line_fill_rate: number | null };
	service: { backorder_contacts: number; cost: number };
	sales: { backorder_activities: number; hours: number; cost: number; opportunity_cost: number };
	cancellations: { value: number; lost_margin: number };
	/** not_estimable: why there is no estimate (the total then excludes it) */
	wallet: { treated_customers: number; did_pct: number | null; lost_revenue: number | null; lost_margin: number | null; not_estimable?: string | null };
	/** null under a filter that cannot reach deals (see scope) */
	winloss: { lost_deals: number | null; lost_value: number | null; expected_lost_margin: number | null };
	/** savings is null when there are no inventory snapshots to measure it */
	holding: { baseline_value: number | null; period_value: number | null; savings: number | null };
	total_backorder_cost: number;
	net_cost: number;
	cost_per_dollar_saved: number | null;
	/** where the period's backorder figures come from; absent in older callers' fixtures */
	backorder_source?: { kind: 'recorded' | 'shipments' | 'dates' | 'none' | 'mixed' | null };
	/** absent in answers from before scopes existed (tests' hand-made figures) */
	scope?: ScopeFigures;
	/** the fill-priority counterfactual, outside the total; absent in older fixtures */
	fill_priority?: { saving: number | null; low: number | null; high: number | null };
}

export const COMPONENTS = [
	{ key: 'service', scope: 'service', label: 'Service contacts', short: 'service contacts', link: '/drivers', pick: (s: SummaryFigures) => s.service.cost },
	{ key: 'sales_time', scope: 'sales', label: 'Sales time', short: 'sales time chasing stock', link: '/drivers', pick: (s: SummaryFigures) => s.sales.cost },
	{
		key: 'sales_opportunity',
		scope: 'sales',
		label: 'Selling time lost',
		short: 'selling time lost to chasing stock',
		link: '/drivers',
		pick: (s: SummaryFigures) => s.sales.opportunity_cost
	},
	{ key: 'cancelled', scope: 'cancellations', label: 'Cancelled margin', short: 'margin on cancelled lines', link: '/drivers', pick: (s: SummaryFigures) => s.cancellations.lost_margin },
	{ key: 'wallet', scope: 'wallet', label: 'Share-of-wallet loss', short: 'share-of-wallet decline', link: '/customers', pick: (s: SummaryFigures) => s.wallet.lost_margin },
	{ key: 'deals', scope: 'winloss', label: 'Deals lost', short: 'deals lost to availability', link: '/customers', pick: (s: SummaryFigures) => s.winloss.expected_lost_margin }
] as const;

// every component names a scope of src/lib/scope.ts
COMPONENTS satisfies readonly { scope: Scoped }[];

export type ComponentKey = (typeof COMPONENTS)[number]['key'];

export interface ComponentValue {
	key: ComponentKey;
	label: string;
	short: string;
	link: string;
	/** what the component adds to the filtered total (0 when not attributable) */
	value: number;
	status: ScopeStatus;
	scopeLabel: string;
	rules: string[];
	/** the amount a filter cannot reach, shown beside the total; null when all of it is in */
	outside: number | null;
	/** "n/a — <reason>" when the figure cannot be computed: it is not in the total, not a $0 step */
	na: string | null;
}

export function componentValues(s: SummaryFigures): ComponentValue[] {
	return COMPONENTS.map((c) => {
		const sc = s.scope?.components[c.scope];
		// sales' not-attributable amount covers both of its components; show it once, on sales time
		const outside = sc && c.key !== 'sales_opportunity' ? sc.not_attributable : null;
		return {
			key: c.key,
			label: c.label,
			short: c.short,
			link: c.link,
			value: c.pick(s) ?? 0,
			status: sc?.status ?? 'unfiltered',
			scopeLabel: sc?.label ?? '',
			rules: sc?.rules ?? [],
			outside: outside && outside > 0 ? outside : null,
			na: c.key === 'wallet' && s.wallet.not_estimable ? walletNa(s.wallet.not_estimable) : null
		};
	});
}

/** The components that make up the filtered total (the waterfall's steps). */
export const inTotalComponents = (s: SummaryFigures) => componentValues(s).filter((c) => c.status !== 'not_attributable' && c.na === null);

/** One line for a filtered view: what the total leaves out, or null when nothing. */
export function outsideSentence(s: SummaryFigures, money: (v: number) => string): string | null {
	const parts = componentValues(s).filter((c) => c.outside !== null);
	if (!parts.length) return null;
	const total = s.scope?.not_attributable_total ?? parts.reduce((t, c) => t + (c.outside ?? 0), 0);
	const names = parts.map((c) => (c.key === 'sales_time' ? 'sales time' : c.short)).join(', ');
	return `Not attributable to this filter and left out of the total: ${money(total)} (${names}).`;
}

/**
 * The scope of every figure under the filters, as lines of text (the PDF, present mode, the pages' scope
 * notes): one per cost component and one for the holding savings; empty without a filter.
 */
export function scopeLines(s: SummaryFigures & { holding: { attributed_share?: number | null } }, money: (v: number) => string): string[] {
	const sc = s.scope;
	if (!sc || (!sc.filters.customer.length && !sc.filters.product.length)) return [];
	const seen = new Set<string>();
	const out: string[] = [];
	for (const c of componentValues(s)) {
		const key = COMPONENTS.find((x) => x.key === c.key)!.scope;
		if (seen.has(key)) continue;
		seen.add(key);
		const label = key === 'sales' ? 'Sales time and selling time lost' : c.label;
		const beside = c.outside !== null ? ` ${money(c.outside)} left out of the total.` : '';
		out.push(`${label}: ${c.scopeLabel.toLowerCase()} (${c.rules.join('; ')}).${beside}`);
	}
	const h = sc.components.holding;
	out.push(`Holding savings: ${h.label.toLowerCase()} (${h.rules.join('; ')}).`);
	return out;
}
