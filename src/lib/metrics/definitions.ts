/**
 * Every ledger figure: its formula, what it means, and the query file that computes it. The methodology
 * page renders this list and the summary spec checks each `key` exists in /api/summary, so the page
 * cannot describe a figure the code does not produce. Pure module, safe in the browser.
 */

export interface MetricDefinition {
	/** path in the /api/summary JSON */
	key: string;
	family: MetricFamily;
	name: string;
	formula: string;
	explanation: string;
	/** queries/<query>.sql computes its inputs; null = derived in TypeScript from other figures */
	query: string | null;
}

export const METRIC_FAMILIES = [
	'Backorder sources',
	'Orders',
	'Service KPIs',
	'Service contacts',
	'Sales time',
	'Cancellations',
	'Share of wallet',
	'Deals lost',
	'Holding savings',
	'Totals'
] as const;
export type MetricFamily = (typeof METRIC_FAMILIES)[number];

const O = 'ledger/orders';
const C = 'ledger/contacts';

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
	{ key: 'backorder_source.recorded', family: 'Backorder sources', name: 'Recorded', formula: 'lines of the period whose file had a qty_backordered column (or a mapping gave one)', explanation: 'A recorded value always wins: the lines are used as loaded.', query: 'ledger/data_notes' },
	{ key: 'backorder_source.shipments', family: 'Backorder sources', name: 'Derived from shipments', formula: 'qty_backordered = qty − Σ qty_shipped with ship_date ≤ order_date + ship_grace_days; backorder_filled_date = the date the shipped total reached qty − qty_cancelled; qty_cancelled = what never shipped once the line is closed (a closing line_status, or no status and older than open_after_days at the data’s last date)', explanation: 'For lines without a recorded quantity, ordered since the first shipment. A line ordered within the grace of the data’s last date is too young to judge and counts as not backordered. The rules are assumptions: changing them derives the lines again.', query: 'derive/backorders' },
	{ key: 'backorder_source.dates', family: 'Backorder sources', name: 'Inferred from dates', formula: 'without shipments: a line whose ship_date is more than ship_grace_days after its promised_date is backordered in full and filled on its ship date; one unshipped past its promise + grace is open (cancelled when closed)', explanation: 'A coarser reading: the whole line counts as late. Unshipped lines count only when the file carries ship dates at all.', query: 'derive/backorders' },
	{ key: 'backorder_source.none', family: 'Backorder sources', name: 'No source', formula: 'lines with no recorded quantity, no shipments and no ship and promised dates', explanation: 'Nothing can be said about their backorders: they count as filled in full, the fill rate is n/a when no line of the period has a source, and the pages say so.', query: 'ledger/data_notes' },
	{ key: 'data_notes', family: 'Backorder sources', name: 'Data notes', formula: 'the source of the period’s backorders; a fallback or non-positive gross margin; lost deals without an amount or without a loss reason; a table whose dates do not overlap the order lines’ (queries/data/table_overview.sql)', explanation: 'Shown on the ledger, on /capital and in the PDF, so a figure is never read as more than the data can say. Whole company: a property of the files loaded.', query: 'ledger/data_notes' },
	{ key: 'orders.lines', family: 'Orders', name: 'Order lines', formula: 'count of order lines with order_date in the period', explanation: 'Lines of customers and products passing the filters.', query: O },
	{ key: 'orders.backordered_lines', family: 'Orders', name: 'Backordered lines', formula: 'count of lines with qty_backordered > 0', explanation: 'Lines where some quantity was not available when ordered.', query: O },
	{ key: 'orders.line_fill_rate', family: 'Orders', name: 'Line fill rate', formula: '1 − backordered_lines / lines', explanation: 'Share of lines filled completely from stock; none without lines.', query: O },
	{ key: 'orders.ordered_value', family: 'Orders', name: 'Ordered value', formula: 'Σ qty · unit_price', explanation: 'Value of everything ordered in the period.', query: O },
	{ key: 'orders.backordered_value', family: 'Orders', name: 'Backordered value', formula: 'Σ qty_backordered · unit_price', explanation: 'Value that had to wait for stock.', query: O },
	{ key: 'orders.value_fill_rate', family: 'Orders', name: 'Value fill rate', formula: '1 − backordered_value / ordered_value', explanation: 'Share of ordered value filled from stock.', query: O },
	{ key: 'orders.avg_backorder_days', family: 'Orders', name: 'Average backorder days', formula: 'mean of backorder_filled_date − order_date over filled backordered lines', explanation: 'How long a filled backorder waited; open and cancelled ones have no fill date.', query: O },
	{ key: 'orders.p90_backorder_days', family: 'Orders', name: 'P90 backorder days', formula: '90th percentile (interpolated) of backorder_filled_date − order_date', explanation: 'The long tail of waits.', query: O },
	{ key: 'orders.open_backorders', family: 'Orders', name: 'Open backorders and aging', formula: 'lines ordered by the period end with qty_backordered > qty_cancelled and no fill by the period end; value Σ (qty_backordered − qty_cancelled) · unit_price; age = period end − order_date in buckets 0–30, 31–60, 61–90, 90+ days', explanation: 'What customers are still waiting for at the end of the period, including orders placed before it.', query: 'ledger/open_backorders' },
	{ key: 'service_kpis.otif', family: 'Service KPIs', name: 'OTIF', formula: 'lines with no backorder and ship_date ≤ promised_date / lines with a promised_date', explanation: 'On time in full, by line.', query: O },
	{ key: 'service_kpis.backorder_promise_accuracy', family: 'Service KPIs', name: 'Backorder promise accuracy', formula: 'backordered lines with backorder_filled_date ≤ promised_date / backordered lines with a promised_date', explanation: 'How often a backorder still arrived by the date promised; open and cancelled ones count as missed.', query: O },
	{ key: 'service_kpis.csat_backorder', family: 'Service KPIs', name: 'CSAT, backorder-related vs other', formula: 'mean csat of backorder-related contacts; mean csat of the other contacts (both teams, where csat exists)', explanation: 'What a backorder does to satisfaction.', query: C },
	{ key: 'service.backorder_contacts', family: 'Service contacts', name: 'Backorder-related service contacts', formula: 'count of service contacts in the period that are backorder-related', explanation: 'Backorder-related: a keyword in reason or note, or about an order that has a backordered line at any time.', query: C },
	{ key: 'service.cost', family: 'Service contacts', name: 'Service cost', formula: 'Σ channel_cost[channel] + escalation_cost · escalated contacts', explanation: 'Counts per channel come from the query and are priced with the scenario’s assumptions, so an edit needs no new query.', query: C },
	{ key: 'sales.backorder_activities', family: 'Sales time', name: 'Backorder-related sales contacts', formula: 'count of sales contacts in the period that are backorder-related', explanation: 'Same rule as service contacts.', query: C },
	{ key: 'sales.hours', family: 'Sales time', name: 'Hours chasing stock', formula: 'Σ coalesce(minutes, default_minutes[channel]) / 60', explanation: 'Recorded handle time, travel included; the channel default where none was recorded.', query: C },
	{ key: 'sales.cost', family: 'Sales time', name: 'Sales cost', formula: 'hours · sales_loaded_rate', explanation: 'What the time cost in salary and overhead.', query: C },
	{ key: 'sales.opportunity_cost', family: 'Sales time', name: 'Sales opportunity cost', formula: 'hours · margin_per_selling_hour', explanation: 'Margin not earned while chasing stock instead of selling.', query: C },
	{ key: 'cancellations.value', family: 'Cancellations', name: 'Cancelled value', formula: 'Σ qty_cancelled · unit_price', explanation: 'Backordered quantity the customer cancelled, on lines ordered in the period.', query: O },
	{ key: 'cancellations.lost_margin', family: 'Cancellations', name: 'Cancelled margin', formula: 'cancelled value · gross_margin', explanation: 'The margin those sales would have earned.', query: O },
	{ key: 'wallet.did_pct', family: 'Share of wallet', name: 'Share-of-wallet decline', formula: 'Σ (post − pre · g) / Σ pre over the treated customers, g = Σ post / Σ pre of the matched controls, windows of 6 months either side of the first backorder', explanation: 'Matched difference in differences, first exposure against not yet exposed: every customer whose first backorder falls in the period (nothing asked of the months after it) against customers of the same segment and pre-revenue tercile with no backorder through six months after it. 90 % analytic interval (did_low..did_high) from each customer’s influence, treated and controls alike; pre_trend tests months −6..−1 for flatness. n/a with not_estimable below 10 treated customers. Calibrated on samples with a planted decline (npm run calibrate, table below).', query: 'wallet/customer_months' },
	{ key: 'wallet.lost_margin', family: 'Share of wallet', name: 'Wallet lost margin', formula: 'max(0, −did_pct) · Σ pre(treated) · gross_margin', explanation: 'Revenue the treated customers stopped spending with us, at margin.', query: 'wallet/customer_months' },
	{ key: 'winloss.lost_deals', family: 'Deals lost', name: 'Deals lost to availability', formula: 'count of opportunities closed in the period, outcome lost or no_bid, keyword in loss_reason or note', explanation: 'Customer filters apply; product filters cannot (an opportunity names no SKU): under one the figure is n/a and its amount is shown as not attributable.', query: 'ledger/deals_lost' },
	{ key: 'winloss.lost_value', family: 'Deals lost', name: 'Lost deal value', formula: 'Σ amount of those opportunities', explanation: 'Face value of the deals.', query: 'ledger/deals_lost' },
	{ key: 'winloss.expected_lost_margin', family: 'Deals lost', name: 'Expected lost deal margin', formula: 'lost_value · win_rate · gross_margin; win_rate = won / (won + lost) of the period’s opportunities, fallback_win_rate when fewer than min_decided_opportunities are decided', explanation: 'Not every lost deal would have been won: the value is weighted by the usual win rate.', query: 'ledger/deals_lost' },
	{ key: 'holding.baseline_value', family: 'Holding savings', name: 'Baseline inventory value', formula: 'mean over the snapshot dates of the first baseline_days days of snapshots of Σ on_hand_qty · coalesce(snapshot unit_cost, product unit_cost)', explanation: 'What was held before running lean. Product filters apply; every snapshot date counts, valued 0 when no filtered SKU has a row.', query: 'ledger/holding' },
	{ key: 'holding.period_value', family: 'Holding savings', name: 'Period inventory value', formula: 'mean over the snapshot dates in the period of the same value', explanation: 'What was held during the period.', query: 'ledger/holding' },
	{ key: 'holding.savings', family: 'Holding savings', name: 'Holding savings', formula: '(baseline − period) · carrying_rate · days_in_period / 365', explanation: 'Carrying cost saved in the period by holding less; negative when the period carried more.', query: 'ledger/holding' },
	{ key: 'gross_margin', family: 'Totals', name: 'Gross margin', formula: '1 − Σ qty · product unit_cost / Σ qty · unit_price over the period’s lines with a known cost; fallback_gross_margin when not computable', explanation: 'Prices cancelled sales, lost wallet and lost deals. Taken over all the period’s lines whatever the filters, so every slice is priced alike and slices add up; scope.rates.gross_margin_in_filter shows the filtered lines’ own.', query: O },
	{ key: 'total_backorder_cost', family: 'Totals', name: 'Total backorder cost', formula: 'service cost + sales cost + sales opportunity cost + cancelled margin + wallet lost margin + expected lost deal margin', explanation: 'What backorders cost in the period.', query: null },
	{ key: 'net_cost', family: 'Totals', name: 'Net cost', formula: 'total_backorder_cost − holding savings', explanation: 'What running lean cost after what it saved.', query: null },
	{ key: 'cost_per_dollar_saved', family: 'Totals', name: 'Cost per dollar saved', formula: 'total_backorder_cost / holding savings; none when savings ≤ 0', explanation: '“For every $1 of carrying cost we saved, backorders cost us $X.”', query: null }
];

/** Readings of the design the numbers depend on, shown on the methodology page. */
export const METHOD_NOTES: readonly { topic: string; text: string }[] = [
	{ topic: 'Period', text: 'from..to inclusive. Order lines by order_date, contacts by contact_at (the whole last day), opportunities by closed_date, snapshots by snapshot_date. Without from/to: the 12 full months ending with the month of the last order, or the whole range when the data span less.' },
	{ topic: 'Filters', text: 'Segment, region, sales rep and customer restrict customers; category, supplier and SKU restrict products. What each filter does to each figure — within the filter, attributed by a stated rule, or not attributable and left out of the total — is the scope table below, and /api/summary carries it per component.' },
	{ topic: 'Backorder-related', text: 'A contact is backorder-related when its reason or note contains a keyword as a whole word or phrase (case-insensitive; the words of a phrase may be separated by spaces or tabs; reason and note are matched apart, so a phrase cannot straddle them), or when its order has a line with qty_backordered > 0 at any time. An opportunity is backorder-related when its loss_reason or note contains a keyword.' },
	{ topic: 'Scenarios', text: 'Every figure is computed under one assumption scenario (the active one unless ?scenario= names another); /api/summary reports which, with its values.' }
];
