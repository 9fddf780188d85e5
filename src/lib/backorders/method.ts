/**
 * The fill queue's method in words, for /methodology#fill-queue (DESIGN §4 "Acting on it"). The code it
 * describes: src/lib/backorders/pricing.ts, counterfactual.ts and queries/backorders/. Pure.
 */
export const FILL_QUEUE_METHOD: readonly { term: string; text: string }[] = [
	{
		term: 'Open backorder line',
		text: 'A line ordered on or before the period end with qty_backordered − qty_cancelled > 0 and no backorder_filled_date on or before the period end (queries/backorders/open_lines.sql). Its age is the days from its order date to the period end; its source (recorded, derived from shipments, inferred from dates) is shown as loaded.'
	},
	{
		term: 'Wallet term',
		text: 'The share-of-wallet effect by delay bucket (≤10 days, >10 days, cancelled/open) of the company estimate for the period. A line aged 4 to 10 days crosses from ≤10 to >10 days in the coming week; its term is max(0, did(≤10) − did(>10)) × its customer’s revenue over the 12 months to the period end ÷ the customer’s open lines × gross margin. A line of 3 days or less stays within 10 days (0); a line already past 10 days crosses no bucket by waiting (0: the cancelled/open bucket is reached by cancelling). A bucket without an estimate makes the term n/a, and the line’s total says it excludes it. Its low and high ends combine the ends of the two buckets’ 90 % intervals, when the estimator gives them.'
	},
	{
		term: 'Contacts term',
		text: 'Backorder-related service and sales contacts of the period ÷ backordered line-weeks of the period (every backordered line’s days open within the period ÷ 7, queries/backorders/line_weeks.sql), each times the period’s average cost of such a contact under the active scenario (channel costs and escalations; loaded sales time plus the selling time it displaced). The same for every line and under every filter: all rates and effects are the period’s over all customers and products.'
	},
	{
		term: 'Deals term',
		text: 'The customer’s deals open on the period end (created on or before it, closed after it) ÷ its open lines × the availability loss rate (deals lost to availability ÷ weeks open of the period’s closed deals, queries/backorders/deal_weeks.sql) × win rate × gross margin.'
	},
	{
		term: 'Priority and the queue',
		text: 'Lines are sorted by the cost of one more week per open unit, highest first, ties by order date. Per SKU, the on-hand of the latest snapshot on or before the period end is walked down the queue: a line is covered now when what is left covers it in full, partly when only some. First come first served is the same walk in order-date order.'
	},
	{
		term: 'What prioritising would have saved',
		text: 'A counterfactual outside the ledger’s total. For each SKU, the period’s real fill dates (lines ordered in the period, filled, not fully cancelled) are handed out in date order, each to the waiting line (ordered on or before that date) first by order date, and again first by priority (the wallet crossing per unit plus the contacts term per unit). Each line’s delay bucket is priced at −did(bucket) × its customer’s 12-month revenue ÷ the customer’s such lines × gross margin; the saving is the order-date cost less the priority cost, with the low and high ends of the effect difference carried through. The same fill dates keep the total wait, so the contacts term saves nothing. The re-assignment is over every line of the SKU; under filters, and by segment and by supplier, the saving is the part of the filtered lines (each line’s bucket change plus its change in weeks waited), so the slices of any filter add up to the whole; a slice’s interval ends are its own.'
	}
];
