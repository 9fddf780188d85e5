/**
 * Shape of the sample generator's truth.json (`npm run sample`): what was planted and the exact facts
 * the dashboard must recover from the generated files. Metric tests import this type.
 *
 * Conventions: money in USD units, rounded to cents; rates as fractions (0.05 = 5 %) unless the name ends
 * in _pct (percent points); months as 'YYYY-MM'; all "default_period" facts are for
 * default_period.from..to inclusive with no filters, computed by the generator's own SQL.
 */

export type DelayBucket = 'le10' | 'gt10' | 'cancelled_open';

export interface SampleTruth {
	version: 1;
	generator: { seed: number; scale: number; duckdb_version: string };
	date_range: { from: string; to: string };
	default_period: { from: string; to: string };
	sizes: {
		customers: number;
		products: number;
		suppliers: number;
		categories: number;
		sales_reps: number;
		orders: number;
		order_lines: number;
		inventory_snapshots: number;
		snapshot_dates: number;
		contacts: number;
		opportunities: number;
	};
	keywords: {
		/** DESIGN §3 default list, used for every count below */
		list: string[];
		/** words in the data that contain a keyword only inside a word: must not match */
		decoy_words: string[];
		/** example reason/note values in the data that must match */
		must_match_examples: string[];
		/** example reason/note values in the data that must not match */
		must_not_match_examples: string[];
	};
	/** what the generator applied (parameters, not measurements) */
	planted: {
		wallet: {
			/** quantity of every order after the first backordered month × (1 − decline[bucket]) */
			decline_by_bucket: Record<DelayBucket, number>;
			/** pre-revenue-weighted planted decline over the default period's treated customers */
			decline_overall: number;
			bucket_rule: string;
			note: string;
		};
		lean: {
			ramp_from: string;
			ramp_to: string;
			cover_weeks_before: number;
			/** planted cut in weeks of cover (stock-outs add to the measured fall) */
			cover_reduction: number;
			/** shortage-episode start rate at full lean relative to before */
			shortage_multiplier: number;
		};
		shortage: {
			episode_start_rate: number;
			hit_probability: number;
			/** the most shortage-prone suppliers, by planted proneness */
			prone_suppliers: { supplier: string; proneness: number }[];
		};
	};
	/** measured on the generated data, whole range unless stated */
	observed: {
		backorder_rate_by_quarter: { quarter: string; lines: number; backordered_lines: number; rate: number }[];
		/** line backorder rate in the first 3 and the last 12 months */
		backorder_rate_first_quarter: number;
		backorder_rate_last_year: number;
		lean: { baseline_value: number; last_year_value: number; inventory_reduction_pct: number };
		/** default period, by backordered value */
		top_suppliers: { supplier: string; backordered_value: number; share: number }[];
		contacts_by_recording: {
			/** backorder-caused, keyword and order link */
			kw_linked: number;
			/** backorder-caused, order link only */
			linked_only: number;
			/** backorder-caused, keyword only */
			kw_unlinked: number;
			/** backorder-caused but neither: invisible to the ledger */
			noise: number;
			ordinary: number;
		};
		/**
		 * DESIGN §4 for the default period, computed here independently: months are calendar months of
		 * order_date; tercile = ntile(3) by pre revenue (ties by customer_id) over all customers of the
		 * segment; control growth = Σpost/Σpre pooled over the matched controls; treated with Σpre = 0 or
		 * no controls are dropped.
		 */
		wallet: {
			treated_customers: number;
			treated_by_bucket: Record<DelayBucket, number>;
			treated_growth: number;
			control_growth: number;
			did_pct: number;
			did_pct_by_bucket: Record<DelayBucket, number | null>;
			/** −Σ pre·decline / Σ pre over these treated: what did_pct should be near */
			expected_did_pct: number;
			customers_never_backordered: number;
		};
	};
	default_period_facts: {
		lines: number;
		backordered_lines: number;
		line_fill_rate: number;
		ordered_value: number;
		backordered_value: number;
		value_fill_rate: number;
		cancelled_value: number;
		avg_backorder_days: number;
		otif: number;
		gross_margin: number;
		/** §3 rule: keyword in reason/note OR order_id of an order with a backordered line (any date) */
		service_backorder_contacts: number;
		/** §4 service cost with §5 default channel and escalation costs */
		service_backorder_cost: number;
		sales_backorder_contacts: number;
		/** Σ coalesce(minutes, §5 default_minutes[channel or other]) */
		sales_backorder_minutes: number;
		availability_lost_opportunities: number;
		availability_lost_value: number;
		won_opportunities: number;
		lost_opportunities: number;
		decided_opportunities: number;
		/** mean over snapshot dates in the first 90 days of snapshots of Σ on_hand·coalesce(override, cost) */
		inventory_baseline_value: number;
		/** mean over snapshot dates in the period */
		inventory_period_value: number;
		snapshot_dates_in_period: number;
	};
	known_customers: {
		incident: {
			customer_id: string;
			t0_month: string;
			bucket: DelayBucket;
			/** orders with a backordered line in t0 */
			order_ids: string[];
			/** every contact those orders caused (however recorded) */
			caused_contact_ids: string[];
			/** those of them the §3 rule counts */
			counted_contact_ids: string[];
		};
		no_backorders: { customer_id: string; lines: number };
		long_name: { customer_id: string; name: string };
		/** has contacts and opportunities, all with empty notes */
		no_notes: { customer_id: string; contacts: number };
	};
}
