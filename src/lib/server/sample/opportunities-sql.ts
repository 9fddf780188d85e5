/**
 * Win/loss records. The share of deals lost (or not bid) for availability rises with the lean programme.
 * Wording tests the keyword rule both ways: some "Price" losses name a lead time in the note (counted),
 * some won deals mention a lead time (not a loss), "Budget reallocation" must not match "allocation".
 */
import { DATA_DAYS, DATA_FROM } from './params';
import { sqlList } from './random-sql';
import * as W from './names';

// Deal sizes: medians per segment, lognormal. Calibrated so a year's pipeline is about a third of a
// year's order value, as for a distributor quoting projects on top of repeat business; larger deals
// would let lost deals swamp every other cost of the ledger.
const DEAL_MEDIAN = { Strategic: 15000, Key: 6000, Core: 2000 };

export function opportunitiesSql(count: number): string[] {
	return [
		`CREATE OR REPLACE TABLE opp AS
		WITH x AS (
			SELECT i::BIGINT AS i, 1 + floor(u(i, 'o_order') * (SELECT count(*) FROM orders))::BIGINT AS oi,
				DATE '${DATA_FROM}' + floor(u(i, 'o_closed') * ${DATA_DAYS})::INTEGER AS closed_date,
				u(i, 'o_outcome') AS r, u(i, 'o_outcome2') AS r2, u(i, 'o_reason') AS r3, u(i, 'o_note') AS r4
			FROM range(${Math.max(0, Math.round(count))}) t(i)
		), y AS (
			SELECT x.*, o.ci, c.segment, c.no_notes, r < 0.08 + 0.14 * ramp(closed_date) AS availability
			FROM x JOIN orders o USING (oi) JOIN cust c ON c.ci = o.ci
		), z AS (
			SELECT y.*, CASE WHEN availability THEN CASE WHEN r2 < 0.75 THEN 'lost' ELSE 'no_bid' END
				ELSE CASE WHEN r2 < 0.52 THEN 'won' WHEN r2 < 0.88 THEN 'lost' ELSE 'no_bid' END END AS outcome
			FROM y
		)
		SELECT i, closed_date,
			CASE WHEN u(i, 'o_no_customer') < 0.02 THEN NULL ELSE 'C' || lpad((ci + 1)::VARCHAR, 6, '0') END AS customer_id,
			closed_date - (14 + floor(u(i, 'o_age') * 120))::INTEGER AS created_date,
			round(exp(ln(CASE segment WHEN 'Strategic' THEN ${DEAL_MEDIAN.Strategic} WHEN 'Key' THEN ${DEAL_MEDIAN.Key} ELSE ${DEAL_MEDIAN.Core} END) + 0.9 * nrm(i, 'o_amount')), 0)::DECIMAL(14, 2) AS amount,
			outcome,
			CASE WHEN availability AND outcome = 'lost' THEN pick(${sqlList(W.OPP_AVAILABILITY_LOST)}, r3)
				WHEN availability THEN pick(${sqlList(W.OPP_AVAILABILITY_NO_BID)}, r3)
				WHEN outcome = 'lost' THEN pick(${sqlList(W.OPP_OTHER_LOST)}, r3)
				WHEN outcome = 'no_bid' THEN pick(${sqlList(W.OPP_OTHER_NO_BID)}, r3) END AS loss_reason,
			CASE WHEN outcome = 'lost' AND u(i, 'o_competitor') < 0.75 THEN pick(${sqlList(W.COMPETITORS)}, u(i, 'o_competitor2')) END AS competitor,
			CASE WHEN no_notes THEN NULL
				WHEN availability THEN pick([NULL, 'Customer needed it in 2 weeks', 'Competitor could ship from stock'], r4)
				WHEN outcome = 'won' THEN pick([NULL, NULL, NULL, 'Won despite lead time concerns', 'Beta pilot converted'], r4)
				WHEN outcome = 'lost' THEN pick([NULL, NULL, NULL, 'Competitor also quoted a shorter lead time', 'Lost on price'], r4)
				ELSE pick([NULL, 'Scope changed'], r4) END AS note,
			availability AS caused_by_availability
		FROM z`,
		`CREATE OR REPLACE TABLE opp_out AS
		SELECT 'OP' || lpad(row_number() OVER (ORDER BY closed_date, i)::VARCHAR, 7, '0') AS opportunity_id, * FROM opp`
	];
}
