/**
 * Orders and order lines, in three steps so the share-of-wallet decline can be planted causally:
 * 1. line0: every line's date, SKU, price and backorder outcome (which depend only on the SKU's shortage
 *    that week and on chance — never on quantity);
 * 2. first_bo: each customer's first backordered month t0 and the delay bucket of that incident;
 * 3. ol: quantities, multiplied by (1 − decline[bucket]) for every order after t0 — the planted effect
 *    is on volume, never on price.
 */
import { CANCEL, DATA_DAYS, DATA_FROM, DATA_TO, DELAY, NO_DEMAND_SHOCK, SHORTAGE, WALLET_DECLINE, type DemandShock, type WalletDecline } from './params';

export function ordersSql(decline: WalletDecline = WALLET_DECLINE, shock: DemandShock = NO_DEMAND_SHOCK): string[] {
	const sigma = Number(shock.sigma);
	// the customer-month shock; with sigma 0 the SQL is the sample's own, byte for byte
	const shockOf = (ci: string, d: string) => `exp(${sigma} * nrm2(${ci}, year(${d}) * 12 + month(${d}), 'shock') - ${(sigma * sigma) / 2})`;
	const allocation = sigma > 0 || shock.allocation > 0 ? ` OR u2(b.oi, b.line_no, 'alloc') < ${Number(shock.allocation)} * ${shockOf('b.ci', 'b.order_date')}` : '';
	const volume = sigma > 0 ? `\n\t\t\t\t\t* ${shockOf('l.ci', 'l.order_date')}` : '';
	return [
		// Regular cadence: n_orders evenly spaced over the two years from a random phase, small jitter,
		// weekend orders moved to the nearest weekday.
		`CREATE OR REPLACE TABLE orders AS
		WITH o AS (SELECT c.ci, c.phase, p.n_orders, p.lpo, p.basket_n, unnest(range(p.n_orders)) AS j
			FROM cust c JOIN cust_plan p USING (ci)),
		d AS (
			SELECT ci, j, lpo, basket_n,
				DATE '${DATA_FROM}' + least(${DATA_DAYS - 1}, greatest(0, floor((phase + j) * (${DATA_DAYS}.0 / n_orders)
					+ (u2(ci, j, 'jitter') - 0.5) * least(6, 0.3 * ${DATA_DAYS}.0 / n_orders))))::INTEGER AS raw_date
			FROM o
		), w AS (
			SELECT *, CASE isodow(raw_date) WHEN 6 THEN raw_date - 1 WHEN 7 THEN raw_date + 1 ELSE raw_date END AS order_date FROM d
		)
		SELECT row_number() OVER (ORDER BY order_date, ci, j) AS oi, ci, j, order_date,
			-- a steady basket: the customer's usual line count, one more or less now and then
			greatest(1, least(basket_n, lpo + CASE WHEN u2(ci, j, 'n_lines') < 0.03 THEN 1
				WHEN u2(ci, j, 'n_lines') > 0.97 THEN -1 ELSE 0 END))::INTEGER AS n_lines,
			floor(u2(ci, j, 'basket_offset') * basket_n)::INTEGER AS basket_offset, basket_n
		FROM w`,
		`CREATE OR REPLACE TABLE line0 AS
		WITH l AS (SELECT oi, ci, order_date, basket_offset, basket_n, unnest(range(n_lines)) AS li FROM orders),
		b AS (
			SELECT l.oi, l.ci, l.order_date, (l.li + 1)::INTEGER AS line_no, bk.pi,
				((l.order_date - DATE '${DATA_FROM}') // 7)::INTEGER AS w
			FROM l JOIN basket bk ON bk.ci = l.ci AND bk.slot = (l.basket_offset + l.li) % l.basket_n
		), x AS (
			SELECT b.*, c.discount,
				round(pr.list_price * (1 - c.discount) * (1 + 0.02 * nrm2(b.oi, b.line_no, 'price'))
					* (1 + 0.025 * years(b.order_date)), 2)::DECIMAL(12, 2) AS unit_price,
				(sh.pi IS NOT NULL AND u2(b.oi, b.line_no, 'hit') < ${SHORTAGE.hit_probability}${allocation}) AS bo,
				least(180, greatest(1, round(exp(ln(pr.delay_median) + ${DELAY.sigma} * nrm2(b.oi, b.line_no, 'delay')))))::INTEGER AS delay,
				u2(b.oi, b.line_no, 'cancel') AS cancel_draw
			FROM b JOIN cust c USING (ci) JOIN prod pr USING (pi)
			LEFT JOIN short sh ON sh.pi = b.pi AND sh.w = b.w
		)
		SELECT x.* EXCLUDE (cancel_draw),
			bo AND cancel_draw < ${CANCEL.base} + ${CANCEL.long_wait_extra} * (delay > ${CANCEL.long_wait_days})::INTEGER AS cancelled,
			bo AND order_date + delay > DATE '${DATA_TO}' AS past_end
		FROM x`,
		// The delay bucket of the first incident: any cancelled or still-open line → cancelled_open, else
		// the longest fill delay of that month's backordered lines.
		`CREATE OR REPLACE TABLE first_bo AS
		WITH b AS (SELECT ci, date_trunc('month', order_date)::DATE AS m, delay, cancelled OR past_end AS co FROM line0 WHERE bo),
		t AS (SELECT ci, min(m) AS t0 FROM b GROUP BY ci)
		SELECT t.ci, t.t0,
			CASE WHEN bool_or(b.co) THEN 'cancelled_open' WHEN max(b.delay) > 10 THEN 'gt10' ELSE 'le10' END AS bucket
		FROM t JOIN b ON b.ci = t.ci AND b.m = t.t0 GROUP BY t.ci, t.t0`,
		`CREATE OR REPLACE TABLE ol AS
		WITH q0 AS (
			SELECT l.*,
				greatest(1, floor(
					c.line_value * exp(0.15 * nrm2(l.oi, l.line_no, 'qty') - 0.01125)
					* (1 + 0.06 * cos(2 * pi() * (month(l.order_date) - 4) / 12))
					* (1 + c.trend * years(l.order_date))${volume}
					/ l.unit_price::DOUBLE
					+ u2(l.oi, l.line_no, 'qty_round')))::BIGINT AS qty0,
				CASE WHEN f.t0 IS NOT NULL AND date_trunc('month', l.order_date) > f.t0 THEN 1 - CASE f.bucket
					WHEN 'le10' THEN ${Number(decline.le10)} WHEN 'gt10' THEN ${Number(decline.gt10)}
					ELSE ${Number(decline.cancelled_open)} END ELSE 1 END AS keep
			FROM line0 l JOIN cust c USING (ci) LEFT JOIN first_bo f USING (ci)
		), q AS (
			-- the decline scales the quantity with unbiased random rounding; a line that rounds to 0 is
			-- dropped (the customer bought that item elsewhere), so expected revenue is exactly × keep
			SELECT * EXCLUDE (qty0, keep),
				CASE WHEN keep < 1 THEN floor(qty0 * keep + u2(oi, line_no, 'qty_keep'))::BIGINT ELSE qty0 END AS qty
			FROM q0
		), b AS (
			SELECT q.*,
				CASE WHEN NOT bo THEN 0
					WHEN u2(oi, line_no, 'full_bo') < ${SHORTAGE.full_backorder_share} THEN qty
					ELSE greatest(1, least(qty, round(qty * (0.2 + 0.7 * u2(oi, line_no, 'bo_share')))))
				END::BIGINT AS qty_backordered
			FROM q WHERE qty > 0
		), c AS (
			SELECT b.*,
				CASE WHEN NOT cancelled THEN 0
					WHEN u2(oi, line_no, 'partial') < ${CANCEL.partial_share} AND qty_backordered >= 2
						THEN greatest(1, floor(qty_backordered * (0.3 + 0.5 * u2(oi, line_no, 'cancel_share'))))
					ELSE qty_backordered
				END::BIGINT AS qty_cancelled
			FROM b
		)
		SELECT c.*,
			'SO' || lpad(oi::VARCHAR, 8, '0') AS order_id,
			CASE WHEN u2(oi, line_no, 'no_promise') < 0.03 THEN NULL
				ELSE order_date + (2 + floor(u2(oi, line_no, 'promise') * 4))::INTEGER END AS promised_date,
			-- the in-stock part ships in 1–3 days; a few lines ship late for other reasons (OTIF misses)
			CASE WHEN qty_backordered < qty THEN nullif(least(DATE '${DATA_TO}' + 1, order_date
				+ (1 + floor(u2(oi, line_no, 'ship') * 3)
				+ CASE WHEN u2(oi, line_no, 'late') < 0.04 THEN 3 + floor(u2(oi, line_no, 'late_days') * 8) ELSE 0 END)::INTEGER),
				DATE '${DATA_TO}' + 1) END AS ship_date,
			CASE WHEN bo AND qty_cancelled < qty_backordered AND NOT past_end THEN order_date + delay END AS backorder_filled_date
		FROM c`
	];
}
