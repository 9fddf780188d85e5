/**
 * The generator's own recount of the facts the dashboard must recover, over the exported views x_*.
 * Deliberately written apart from the app's metric SQL (queries/): it is the reference they are tested
 * against. Money sums are DECIMAL (exact, so truth.json is byte-identical across runs).
 */
import { DATA_FROM, PERIOD_FROM, PERIOD_TO } from './params';
import { KEYWORDS } from './names';

const esc = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** whole word or phrase, case-insensitive: "ETA?" matches eta, "beta" does not */
export const KEYWORD_PATTERN = `(^|[^a-z0-9])(${KEYWORDS.map(esc).join('|')})([^a-z0-9]|$)`;

export const CHANNEL_COST: Record<string, number> = { phone: 8, email: 6, chat: 4, portal: 0.1, visit: 60, other: 8 };
export const ESCALATION_COST = 25;
export const DEFAULT_MINUTES: Record<string, number> = { phone: 15, email: 10, chat: 10, portal: 5, visit: 90, other: 20 };

const caseOf = (m: Record<string, number>, col: string) =>
	`CASE coalesce(${col}, 'other') ${Object.entries(m).map(([k, v]) => `WHEN '${k}' THEN ${v}`).join(' ')} END`;

export function truthMacros(): string[] {
	return [
		`CREATE OR REPLACE TEMP MACRO kw(s) AS coalesce(regexp_matches(lower(s), '${KEYWORD_PATTERN}'), false)`,
		// month index since the start of the data (2024-11 = 0)
		`CREATE OR REPLACE TEMP MACRO mi(d) AS (datediff('month', DATE '${DATA_FROM}', d))`,
		`CREATE OR REPLACE TABLE t_bo_orders AS SELECT DISTINCT order_id FROM x_order_lines WHERE qty_backordered > 0`,
		`CREATE OR REPLACE TABLE t_contacts AS
		SELECT c.*, kw(c.reason) OR kw(c.note) OR b.order_id IS NOT NULL AS bo_related
		FROM x_contacts c LEFT JOIN t_bo_orders b ON b.order_id = c.order_id`
	];
}

const P = `BETWEEN DATE '${PERIOD_FROM}' AND DATE '${PERIOD_TO}'`;

export const TRUTH_QUERIES = {
	orders: `SELECT count(*) AS lines, count(*) FILTER (qty_backordered > 0) AS backordered_lines,
		sum(qty * unit_price) AS ordered_value, sum(qty_backordered * unit_price) AS backordered_value,
		sum(qty_cancelled * unit_price) AS cancelled_value,
		avg(backorder_filled_date - order_date) FILTER (qty_backordered > 0 AND backorder_filled_date IS NOT NULL) AS avg_backorder_days,
		count(*) FILTER (qty_backordered = 0 AND ship_date <= promised_date) / count(promised_date) AS otif
		FROM x_order_lines WHERE order_date ${P}`,
	margin: `SELECT 1 - sum(o.qty * p.unit_cost) / sum(o.qty * o.unit_price) AS gross_margin
		FROM x_order_lines o JOIN x_products p USING (sku) WHERE o.order_date ${P}`,
	contacts: `SELECT team, count(*) AS n,
		sum(${caseOf(CHANNEL_COST, 'channel')} + ${ESCALATION_COST} * escalated::INTEGER) AS cost,
		sum(coalesce(minutes, ${caseOf(DEFAULT_MINUTES, 'channel')})) AS minutes
		FROM t_contacts WHERE bo_related AND contact_at::DATE ${P} GROUP BY team ORDER BY team`,
	opportunities: `SELECT
		count(*) FILTER (outcome IN ('lost', 'no_bid') AND (kw(loss_reason) OR kw(note))) AS availability_lost,
		coalesce(sum(amount) FILTER (outcome IN ('lost', 'no_bid') AND (kw(loss_reason) OR kw(note))), 0) AS availability_lost_value,
		count(*) FILTER (outcome = 'won') AS won, count(*) FILTER (outcome = 'lost') AS lost
		FROM x_opportunities WHERE closed_date ${P}`,
	inventory: `WITH d AS (SELECT snapshot_date, sum(s.on_hand_qty * coalesce(s.unit_cost, p.unit_cost)) AS v
			FROM x_inventory_snapshots s JOIN x_products p USING (sku) GROUP BY snapshot_date),
		f AS (SELECT min(snapshot_date) AS first FROM d)
		SELECT avg(v) FILTER (snapshot_date < first + 90) AS baseline,
			avg(v) FILTER (snapshot_date ${P}) AS period,
			count(*) FILTER (snapshot_date ${P}) AS period_dates, count(*) AS dates
		FROM d, f`,
	byQuarter: `SELECT year(order_date) || '-Q' || quarter(order_date) AS quarter, count(*) AS lines,
		count(*) FILTER (qty_backordered > 0) AS backordered_lines
		FROM x_order_lines GROUP BY 1 ORDER BY 1`,
	rateWindows: `SELECT count(*) FILTER (qty_backordered > 0 AND mi(order_date) < 3) / count(*) FILTER (mi(order_date) < 3) AS first_quarter,
		count(*) FILTER (qty_backordered > 0 AND mi(order_date) >= 12) / count(*) FILTER (mi(order_date) >= 12) AS last_year
		FROM x_order_lines`,
	topSuppliers: `WITH s AS (SELECT p.supplier, sum(o.qty_backordered * o.unit_price) AS v
			FROM x_order_lines o JOIN x_products p USING (sku) WHERE o.order_date ${P} AND o.qty_backordered > 0 GROUP BY 1)
		SELECT supplier, v AS backordered_value, v / (SELECT sum(v) FROM s) AS share FROM s ORDER BY v DESC, supplier LIMIT 5`,
	recording: `SELECT kind, count(*) AS n FROM ct GROUP BY kind ORDER BY kind`,
	neverBackordered: `SELECT count(*) AS n FROM x_customers c WHERE NOT EXISTS
		(SELECT 1 FROM x_order_lines o WHERE o.customer_id = c.customer_id AND o.qty_backordered > 0)`
} as const;

/**
 * DESIGN §4 share-of-wallet, default period, as one query producing one row per treated customer with
 * its matched control group's pooled pre and post revenue — the design calibration chose (issue 16):
 * every first incident with full windows (nothing asked of the months after it), controls of the same
 * segment and tercile not yet exposed through T+6.
 */
export function walletTreatedSql(): string {
	const pFrom = `mi(DATE '${PERIOD_FROM}')`;
	const pTo = `mi(DATE '${PERIOD_TO}')`;
	return `
	WITH rev AS (
		SELECT customer_id, mi(order_date) AS m, sum((qty - qty_cancelled) * unit_price) AS rev FROM x_order_lines GROUP BY 1, 2
	), last_m AS (SELECT max(mi(order_date)) AS last FROM x_order_lines),
	bom AS (SELECT DISTINCT customer_id, mi(order_date) AS m FROM x_order_lines WHERE qty_backordered > 0),
	t0 AS (SELECT customer_id, min(m) AS t0 FROM bom GROUP BY 1),
	treated AS (
		SELECT t.customer_id, t.t0 FROM t0 t, last_m
		WHERE t.t0 BETWEEN ${pFrom} AND ${pTo} AND t.t0 >= 6 AND t.t0 + 6 <= last_m.last
	), ts AS (SELECT DISTINCT t0 AS T FROM treated),
	win AS (
		SELECT c.customer_id, c.segment, ts.T,
			coalesce(sum(r.rev) FILTER (r.m BETWEEN ts.T - 6 AND ts.T - 1), 0) AS pre,
			coalesce(sum(r.rev) FILTER (r.m BETWEEN ts.T + 1 AND ts.T + 6), 0) AS post
		FROM x_customers c CROSS JOIN ts LEFT JOIN rev r ON r.customer_id = c.customer_id
		GROUP BY 1, 2, 3
	), ter AS (
		SELECT *, ntile(3) OVER (PARTITION BY segment, T ORDER BY pre, customer_id) AS tercile,
			NOT EXISTS (SELECT 1 FROM bom b WHERE b.customer_id = win.customer_id AND b.m <= win.T + 6) AS clean
		FROM win
	), ctrl AS (
		SELECT segment, T, tercile, sum(pre) AS c_pre, sum(post) AS c_post, count(*) AS n_controls
		FROM ter WHERE clean GROUP BY 1, 2, 3
	), bucket AS (
		SELECT o.customer_id,
			CASE WHEN bool_or(o.qty_cancelled > 0 OR o.backorder_filled_date IS NULL) THEN 'cancelled_open'
				WHEN max(o.backorder_filled_date - o.order_date) > 10 THEN 'gt10' ELSE 'le10' END AS bucket,
			list(DISTINCT o.order_id ORDER BY o.order_id) AS order_ids
		FROM x_order_lines o JOIN treated t ON t.customer_id = o.customer_id AND mi(o.order_date) = t.t0
		WHERE o.qty_backordered > 0 GROUP BY 1
	)
	SELECT t.customer_id, t.t0, strftime(DATE '${DATA_FROM}' + to_months(t.t0::INTEGER), '%Y-%m') AS t0_month,
		ter.segment, ter.tercile, ter.pre, ter.post, b.bucket, b.order_ids, ctrl.c_pre, ctrl.c_post, ctrl.n_controls
	FROM treated t JOIN ter ON ter.customer_id = t.customer_id AND ter.T = t.t0
	JOIN bucket b ON b.customer_id = t.customer_id
	JOIN ctrl ON ctrl.segment = ter.segment AND ctrl.T = t.t0 AND ctrl.tercile = ter.tercile
	WHERE ter.pre > 0 AND ctrl.c_pre > 0
	ORDER BY t.customer_id`;
}

export const KNOWN_QUERIES = {
	noBackorders: `SELECT o.customer_id, count(*) AS lines FROM x_order_lines o
		WHERE o.customer_id NOT IN (SELECT customer_id FROM x_order_lines WHERE qty_backordered > 0)
		AND o.customer_id IN (SELECT customer_id FROM x_contacts)
		GROUP BY 1 ORDER BY 1 LIMIT 1`,
	longName: `SELECT x.customer_id, x.name FROM cust c JOIN x_customers x USING (customer_id) WHERE c.long_name`,
	noNotes: `SELECT c.customer_id, count(*) AS contacts FROM cust c JOIN ct USING (ci) WHERE c.no_notes GROUP BY 1`
} as const;
