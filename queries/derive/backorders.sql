-- Backorders of the lines whose file did not record them (DESIGN §2.1), written into order_lines:
--   from shipments, for a line ordered since the first shipment: qty_backordered = what was not shipped
--   within $grace days of the order date; backorder_filled_date = when the shipped total reached what
--   was not cancelled; qty_cancelled = what never shipped once the line is closed (a closing line_status,
--   or no status and older than $open_after days at the data's last date);
--   inferred from dates, otherwise: a line shipped more than $grace days after its promised date is
--   late in full (filled on its ship date); unshipped and past its promise + $grace, open (or cancelled
--   when closed) — only where the file carries ship dates at all;
--   no source: nothing backordered (bo_source NULL, said on the pages).
-- A line too young to judge (ordered within $grace days of the data's last date) is not backordered.
-- A line without a ship date takes its first shipment's.
UPDATE order_lines AS o SET
	-- the first shipment stands for the in-stock part's ship date when the file has none (OTIF needs it)
	ship_date = coalesce(o.ship_date, d.first_shipped),
	qty_backordered = d.qty_backordered,
	backorder_filled_date = d.backorder_filled_date,
	qty_cancelled = d.qty_cancelled,
	bo_source = d.bo_source
FROM (
	WITH b AS (
		SELECT
			(SELECT min(ship_date) FROM shipments) AS first_ship,
			greatest((SELECT max(order_date) FROM order_lines), (SELECT max(ship_date) FROM shipments)) AS as_of,
			(SELECT count(*) > 0 FROM order_lines WHERE ship_date IS NOT NULL AND bo_source IS DISTINCT FROM 'recorded') AS has_ship_dates
	),
	l AS (
		SELECT o.order_id, o.line_no, o.order_date, o.promised_date, o.ship_date, o.qty, lower(trim(o.line_status)) AS status,
			coalesce(sum(s.qty_shipped) FILTER (WHERE s.ship_date <= o.order_date + CAST($grace AS INTEGER)), 0) AS within,
			coalesce(sum(s.qty_shipped), 0) AS total,
			min(s.ship_date) AS first_shipped
		FROM order_lines o
		LEFT JOIN shipments s ON s.order_id = o.order_id AND s.line_no = o.line_no
		WHERE o.bo_source IS DISTINCT FROM 'recorded'
		GROUP BY ALL
	),
	f AS (
		SELECT l.*, b.as_of,
			CASE
				WHEN b.first_ship IS NOT NULL AND l.order_date >= b.first_ship - CAST($grace AS INTEGER) THEN 'shipments'
				WHEN l.promised_date IS NOT NULL AND (l.ship_date IS NOT NULL OR b.has_ship_dates) THEN 'dates'
			END AS src,
			CASE
				WHEN l.status IN ('closed', 'complete', 'completed', 'cancelled', 'canceled', 'shipped', 'delivered', 'done', 'invoiced') THEN true
				WHEN l.status IN ('open', 'backordered', 'back order', 'backorder', 'partial', 'partially shipped', 'pending', 'in progress') THEN false
				ELSE b.as_of - l.order_date > CAST($open_after AS INTEGER)
			END AS closed
		FROM l, b
	),
	g AS (
		SELECT f.*,
			CASE
				WHEN src = 'shipments' THEN CASE WHEN order_date + CAST($grace AS INTEGER) >= as_of THEN 0 ELSE greatest(0, qty - within) END
				WHEN src = 'dates' AND ship_date IS NOT NULL THEN CASE WHEN ship_date > promised_date + CAST($grace AS INTEGER) THEN qty ELSE 0 END
				WHEN src = 'dates' THEN CASE WHEN promised_date + CAST($grace AS INTEGER) < as_of THEN qty ELSE 0 END
				ELSE 0
			END AS bo
		FROM f
	),
	h AS (
		SELECT g.*,
			CASE
				WHEN bo = 0 OR NOT closed THEN 0
				WHEN src = 'shipments' THEN least(bo, greatest(0, qty - total))
				WHEN ship_date IS NULL THEN bo
				ELSE 0
			END AS cancelled
		FROM g
	),
	cum AS (
		SELECT order_id, line_no, ship_date, sum(q) OVER (PARTITION BY order_id, line_no ORDER BY ship_date) AS running
		FROM (SELECT order_id, line_no, ship_date, sum(qty_shipped) AS q FROM shipments GROUP BY ALL)
	),
	fills AS (
		SELECT h.order_id, h.line_no, min(c.ship_date) AS filled
		FROM h JOIN cum c ON c.order_id = h.order_id AND c.line_no = h.line_no AND c.running >= h.qty - h.cancelled
		WHERE h.src = 'shipments' AND h.bo > 0 AND h.cancelled < h.bo
		GROUP BY ALL
	)
	SELECT h.order_id, h.line_no, h.bo AS qty_backordered, h.cancelled AS qty_cancelled, h.src AS bo_source, h.first_shipped,
		CASE
			WHEN h.bo = 0 OR h.cancelled >= h.bo THEN NULL
			WHEN h.src = 'shipments' THEN fills.filled
			WHEN h.src = 'dates' THEN h.ship_date
		END AS backorder_filled_date
	FROM h LEFT JOIN fills ON fills.order_id = h.order_id AND fills.line_no = h.line_no
) AS d
WHERE o.order_id = d.order_id AND o.line_no = d.line_no AND o.bo_source IS DISTINCT FROM 'recorded'
