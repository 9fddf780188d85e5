/**
 * DESIGN §4 "Scope under filters", in one place: what a customer filter and a product filter do to each
 * component of the ledger. A component is
 * - **filtered**: computed from the rows within the filter (an order line of those customers / products);
 * - **attributed**: a figure the filter cannot select rows of, placed on the filter by a stated rule
 *   whose parts add up to the whole over any partition (all segments, all suppliers);
 * - **not attributable**: no rule places it; it is left out of the filtered total and its amount is
 *   shown beside it.
 * The SQL half of the same rules is queries/scope/macros.sql (the filters) and the queries that apply
 * a rule (derived.order_shares, queries/scope/wallet_incident.sql). Pure module, safe in the browser.
 */
import type { MetricFilters } from './metrics/filters-type';

export const CUSTOMER_FILTERS = ['segment', 'region', 'sales_rep', 'customer'] as const;
export const PRODUCT_FILTERS = ['category', 'supplier', 'sku'] as const;
export type FilterKind = 'customer' | 'product';

export type Reach = 'filtered' | 'attributed' | 'not_attributable';
/** `unfiltered`: no filter is set, the figure is the whole. */
export type ScopeStatus = 'unfiltered' | Reach;

export const SCOPED = ['orders', 'service', 'sales', 'cancellations', 'wallet', 'winloss', 'holding'] as const;
export type Scoped = (typeof SCOPED)[number];

interface Rule {
	reach: Reach;
	rule: string;
}

const CONTACT_BY_PRODUCT =
	"shared equally over the backordered lines of the contact's order (all its lines when none was backordered); " +
	'the share on the filtered products counts. A contact with no order line is not attributable to a product filter';

/** An order line: both kinds of filter select it. */
const LINE_REACH: Record<FilterKind, Rule> = {
	customer: { reach: 'filtered', rule: "the order line's customer" },
	product: { reach: 'filtered', rule: "the order line's product" }
};

function contactReach(noun: string): Record<FilterKind, Rule> {
	return { customer: { reach: 'filtered', rule: `the ${noun}'s customer` }, product: { reach: 'attributed', rule: CONTACT_BY_PRODUCT } };
}

/** The rules. Changing one here changes the API's scope block, the pages, the PDF and the methodology. */
export const REACH: Record<Scoped, Record<FilterKind, Rule>> = {
	orders: LINE_REACH,
	service: contactReach('contact'),
	sales: contactReach('activity'),
	cancellations: LINE_REACH,
	wallet: {
		customer: {
			reach: 'attributed',
			rule:
				"the whole company's estimate, placed on its treated customers pro rata to their revenue in the window before " +
				"their incident; the filter carries its customers' part (did_pct and its interval stay the company's)"
		},
		product: {
			reach: 'attributed',
			rule: "each treated customer's part split over products by the backordered value of its incident month"
		}
	},
	winloss: {
		customer: { reach: 'filtered', rule: "the opportunity's customer" },
		product: { reach: 'not_attributable', rule: 'an opportunity names no product' }
	},
	holding: {
		customer: {
			reach: 'attributed',
			rule: "the inventory of the product filters times the filtered customers' share of the period's cost of goods sold (Σ qty·unit cost)"
		},
		product: { reach: 'filtered', rule: 'the snapshots of the filtered products' }
	}
};

/** How money rates are taken under filters: the same for every slice, so slices add up to the whole. */
export const RATES_RULE =
	"Margins are priced at the period's gross margin and win rate over all customers and products, the same for every " +
	'filter, so the slices of any filter add up to the whole; the filtered lines\u2019 own gross margin is shown beside it.';

export const STATUS_LABELS: Record<ScopeStatus, string> = {
	unfiltered: 'All data',
	filtered: 'Within the filters',
	attributed: 'Attributed by a rule',
	not_attributable: 'Not attributable to this filter'
};

type FilterValues = Partial<Pick<MetricFilters, 'segment' | 'region' | 'sales_rep' | 'customer' | 'category' | 'supplier' | 'sku'>>;

export function activeFilters(f: FilterValues): Record<FilterKind, string[]> {
	return {
		customer: CUSTOMER_FILTERS.filter((k) => f[k] != null && f[k] !== ''),
		product: PRODUCT_FILTERS.filter((k) => f[k] != null && f[k] !== '')
	};
}

export const customerFiltered = (f: FilterValues) => activeFilters(f).customer.length > 0;
export const productFiltered = (f: FilterValues) => activeFilters(f).product.length > 0;

/** The TypeScript twin of derived.customer_passes, for customers the server already holds in memory. */
export function customerPasses(
	c: { id: string; segment: string | null; region: string | null; sales_rep: string | null },
	f: FilterValues
): boolean {
	return (
		(f.segment == null || c.segment === f.segment) &&
		(f.region == null || c.region === f.region) &&
		(f.sales_rep == null || c.sales_rep === f.sales_rep) &&
		(f.customer == null || c.id === f.customer)
	);
}

/**
 * The same rule as customerPasses and productPasses, for a pass over columns of line attributes (the
 * fill-priority counterfactual holds hundreds of thousands of lines): the attribute each filter tests,
 * and the tests a filter set makes — a line passes when every listed column equals its value.
 */
export const LINE_COLUMNS = { segment: 'segment', region: 'region', sales_rep: 'sales_rep', customer: 'customer_id', category: 'category', supplier: 'supplier', sku: 'sku' } as const;
export type LineColumn = (typeof LINE_COLUMNS)[keyof typeof LINE_COLUMNS];

export function columnTests(f: FilterValues): { column: LineColumn; value: string }[] {
	return (Object.keys(LINE_COLUMNS) as (keyof typeof LINE_COLUMNS)[]).filter((k) => f[k] != null).map((k) => ({ column: LINE_COLUMNS[k], value: f[k]! }));
}

/** The TypeScript twin of derived.product_passes (the fill queue's counterfactual holds every line in memory). */
export function productPasses(p: { sku: string; category: string | null; supplier: string | null }, f: FilterValues): boolean {
	return (f.category == null || p.category === f.category) && (f.supplier == null || p.supplier === f.supplier) && (f.sku == null || p.sku === f.sku);
}

const RANK: Record<ScopeStatus, number> = { unfiltered: 0, filtered: 1, attributed: 2, not_attributable: 3 };

export interface ComponentScope {
	status: ScopeStatus;
	label: string;
	/** the rules that apply, one per filter kind set ("segment: the contact's customer") */
	rules: string[];
}

/** A component's scope under these filters: the weakest reach of the filter kinds that are set. */
export function componentScope(c: Scoped, f: FilterValues): ComponentScope {
	const active = activeFilters(f);
	let status: ScopeStatus = 'unfiltered';
	const rules: string[] = [];
	for (const kind of ['customer', 'product'] as const) {
		if (!active[kind].length) continue;
		const r = REACH[c][kind];
		if (RANK[r.reach] > RANK[status]) status = r.reach;
		rules.push(`${active[kind].join(', ')}: ${r.rule}`);
	}
	return { status, label: STATUS_LABELS[status], rules };
}

/** Whether a component's figure counts in the filtered total (filtered, attributed or unfiltered). */
export const inTotal = (s: ScopeStatus): boolean => s !== 'not_attributable';
