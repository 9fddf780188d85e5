/**
 * Contacts. Backorders cause service contacts (customers asking for an ETA) and sales activities (reps
 * chasing stock), more of them the longer the wait. How a caused contact is recorded varies, as in a
 * real CRM: tagged by a keyword and linked to the order, linked only, tagged only, or neither (noise the
 * ledger cannot and must not count). Ordinary contacts (billing, returns, beta programmes...) never
 * contain a keyword as a whole word, but do contain decoys like "beta" and "metadata".
 * Hidden columns: kind (how it was recorded), cause_oi (the backordered order that caused it).
 */
import { DATA_TO } from './params';
import { sqlList, sqlString } from './random-sql';
import * as W from './names';

const ts = (dateExpr: string, key: string) =>
	`least(TIMESTAMP '${DATA_TO} 17:59:00', ${dateExpr} + INTERVAL 8 HOUR + to_minutes(floor(u2(${key}, 'minute') * 600)::BIGINT))`;

function channelMacros(): string[] {
	return [
		`CREATE OR REPLACE TEMP MACRO channel_for(team, r, r_null) AS CASE WHEN r_null < 0.01 THEN NULL
			WHEN team = 'service' THEN CASE WHEN r < 0.40 THEN 'phone' WHEN r < 0.70 THEN 'email' WHEN r < 0.85 THEN 'chat'
				WHEN r < 0.97 THEN 'portal' ELSE 'other' END
			ELSE CASE WHEN r < 0.45 THEN 'phone' WHEN r < 0.75 THEN 'email' WHEN r < 0.90 THEN 'visit'
				WHEN r < 0.95 THEN 'chat' ELSE 'other' END END`,
		// handle time by channel; empty for some contacts so default_minutes applies
		`CREATE OR REPLACE TEMP MACRO minutes_for(team, channel, r, r_null) AS CASE
			WHEN r_null < CASE WHEN team = 'sales' THEN 0.25 ELSE 0.15 END THEN NULL
			ELSE round(CASE coalesce(channel, 'other') WHEN 'phone' THEN 6 + 16 * r WHEN 'email' THEN 4 + 10 * r
				WHEN 'chat' THEN 5 + 10 * r WHEN 'portal' THEN 1 + 3 * r WHEN 'visit' THEN 45 + 105 * r ELSE 5 + 20 * r END)::INTEGER END`
	];
}

export function causedContactsSql(): string[] {
	return [
		...channelMacros(),
		`CREATE OR REPLACE TABLE bo_order AS
		SELECT oi, min(ci) AS ci, min(order_date) AS order_date, min(order_id) AS order_id,
			max(CASE WHEN backorder_filled_date IS NOT NULL THEN backorder_filled_date - order_date ELSE 30 END) AS wait
		FROM ol WHERE qty_backordered > 0 GROUP BY oi`,
		`CREATE OR REPLACE TABLE caused AS
		WITH n AS (
			SELECT *, least(4, floor(0.55 + u(oi, 'n_service') * (1 + wait / 15.0)))::INTEGER AS n_service,
				least(3, floor(u(oi, 'n_sales') * (0.8 + wait / 20.0)))::INTEGER AS n_sales
			FROM bo_order
		), x AS (
			SELECT oi, ci, order_date, order_id, wait, 'service' AS team, unnest(range(n_service)) AS k FROM n
			UNION ALL
			SELECT oi, ci, order_date, order_id, wait, 'sales' AS team, 10 + unnest(range(n_sales)) AS k FROM n
		), y AS (
			SELECT *, CASE WHEN u2(oi, k, 'record') < 0.55 THEN 'kw_linked' WHEN u2(oi, k, 'record') < 0.80 THEN 'linked_only'
				WHEN u2(oi, k, 'record') < 0.90 THEN 'kw_unlinked' ELSE 'noise' END AS kind,
				u2(oi, k, 'reason') AS r1, u2(oi, k, 'note') AS r2
			FROM x
		)
		SELECT 1 AS src, oi AS src_a, k::BIGINT AS src_b, oi AS cause_oi, kind, ci, team,
			CASE WHEN kind IN ('kw_linked', 'linked_only') THEN order_id END AS order_id,
			${ts(`order_date + floor(u2(oi, k, 'day') * (least(wait, 40) + 3))::INTEGER`, 'oi, k')} AS contact_at,
			CASE kind
				WHEN 'kw_linked' THEN CASE team WHEN 'service' THEN pick(${sqlList(W.SERVICE_BO_REASONS)}, r1) ELSE pick(${sqlList(W.SALES_BO_REASONS)}, r1) END
				WHEN 'linked_only' THEN pick(${sqlList(W.LINKED_ONLY_REASONS)}, r1)
				WHEN 'kw_unlinked' THEN pick(${sqlList(W.UNLINKED_KW_REASONS)}, r1)
				ELSE ${sqlString(W.NOISE_REASON)} END AS reason,
			CASE kind
				WHEN 'kw_linked' THEN CASE team WHEN 'service' THEN pick(${sqlList(W.SERVICE_BO_NOTES)}, r2) ELSE pick(${sqlList(W.SALES_BO_NOTES)}, r2) END
				WHEN 'linked_only' THEN pick(${sqlList(W.LINKED_ONLY_NOTES)}, r2)
				WHEN 'kw_unlinked' THEN pick(${sqlList(W.UNLINKED_KW_NOTES)}, r2)
				ELSE pick(${sqlList(W.NOISE_NOTES)}, r2) END AS note,
			u2(oi, k, 'escalate') < 0.14 + 0.10 * (wait > 20)::INTEGER AS escalated,
			CASE WHEN u2(oi, k, 'csat_given') < CASE team WHEN 'service' THEN 0.45 ELSE 0.10 END
				THEN least(5, greatest(1, round(2.7 + 0.9 * nrm2(oi, k, 'csat'))))::INTEGER END AS csat,
			u2(oi, k, 'channel') AS r_channel, u2(oi, k, 'channel_null') AS r_channel_null,
			u2(oi, k, 'minutes') AS r_minutes, u2(oi, k, 'minutes_null') AS r_minutes_null
		FROM y`
	];
}

/** Ordinary contacts fill the total up to `count`; each is about a random order, so big buyers call more. */
export function ordinaryContactsSql(count: number): string[] {
	return [
		`CREATE OR REPLACE TABLE ordinary AS
		WITH x AS (
			SELECT i::BIGINT AS i, 1 + floor(u(i, 'c_order') * (SELECT count(*) FROM orders))::BIGINT AS oi,
				CASE WHEN u(i, 'c_team') < 0.75 THEN 'service' ELSE 'sales' END AS team,
				u(i, 'c_reason') AS r1, u(i, 'c_note') AS r2
			FROM range(${Math.max(0, Math.round(count))}) t(i)
		)
		SELECT 2 AS src, x.i AS src_a, 0::BIGINT AS src_b, NULL::BIGINT AS cause_oi, 'ordinary' AS kind, o.ci, x.team,
			CASE WHEN x.team = 'service' AND u(x.i, 'c_link') < 0.3 THEN 'SO' || lpad(x.oi::VARCHAR, 8, '0') END AS order_id,
			${ts(`o.order_date + floor(u(x.i, 'c_day') * 25)::INTEGER`, 'x.i, 0')} AS contact_at,
			CASE x.team WHEN 'service' THEN pick(${sqlList(W.SERVICE_ORDINARY_REASONS)}, r1) ELSE pick(${sqlList(W.SALES_ORDINARY_REASONS)}, r1) END AS reason,
			CASE x.team WHEN 'service' THEN pick(${sqlList(W.SERVICE_ORDINARY_NOTES)}, r2) ELSE pick(${sqlList(W.SALES_ORDINARY_NOTES)}, r2) END AS note,
			u(x.i, 'c_escalate') < 0.03 AS escalated,
			CASE WHEN u(x.i, 'c_csat_given') < CASE x.team WHEN 'service' THEN 0.45 ELSE 0.10 END
				THEN least(5, greatest(1, round(4.2 + 0.7 * nrm(x.i, 'c_csat'))))::INTEGER END AS csat,
			u(x.i, 'c_channel') AS r_channel, u(x.i, 'c_channel_null') AS r_channel_null,
			u(x.i, 'c_minutes') AS r_minutes, u(x.i, 'c_minutes_null') AS r_minutes_null
		FROM x JOIN orders o USING (oi)`,
		`CREATE OR REPLACE TABLE ct AS
		WITH a AS (SELECT * FROM caused UNION ALL SELECT * FROM ordinary),
		b AS (SELECT a.* EXCLUDE (r_channel, r_channel_null, r_minutes, r_minutes_null),
			channel_for(team, r_channel, r_channel_null) AS channel, r_minutes, r_minutes_null FROM a)
		SELECT 'CT' || lpad(row_number() OVER (ORDER BY contact_at, src, src_a, src_b)::VARCHAR, 8, '0') AS contact_id,
			b.* EXCLUDE (r_minutes, r_minutes_null, note),
			CASE WHEN c.no_notes THEN NULL ELSE b.note END AS note,
			minutes_for(team, channel, r_minutes, r_minutes_null) AS minutes
		FROM b JOIN cust c USING (ci)`
	];
}
