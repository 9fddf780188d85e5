-- The fill queue's open backorder lines (DESIGN §4 "Acting on it"): as of the period's end ($to), lines
-- ordered on or before $to with backordered quantity not cancelled (qty_backordered − qty_cancelled > 0)
-- and no backorder_filled_date on or before $to. Each comes with what its cost of one more week needs
-- (besides its customer's 12-month revenue, customer_revenue.sql): the amount of its customer's deals open
-- on $to (created on or before $to, closed after it), and how many open lines that customer has over every
-- product (customer_open_lines: its customer-level terms are shared over them, the same under any product
-- filter, so slices add up). Customer and product filters apply through the scope macros.
WITH open_all AS (
    SELECT ol.order_id, ol.line_no, ol.customer_id, ol.sku, ol.order_date, ol.promised_date,
           (ol.qty_backordered - coalesce(ol.qty_cancelled, 0))::DOUBLE AS qty_open,
           ol.unit_price::DOUBLE AS unit_price, ol.bo_source,
           c.name AS customer_name, c.segment, c.region, c.sales_rep, p.supplier, p.category,
           -- counted before the filters, in the same scan
           count(*) OVER (PARTITION BY ol.customer_id)::DOUBLE AS customer_open_lines
    FROM order_lines ol
    LEFT JOIN customers c ON c.customer_id = ol.customer_id
    LEFT JOIN products p ON p.sku = ol.sku
    WHERE ol.qty_backordered > coalesce(ol.qty_cancelled, 0)
      AND ol.order_date <= $to::DATE
      AND (ol.backorder_filled_date IS NULL OR ol.backorder_filled_date > $to::DATE)
),
open_lines AS (
    SELECT * EXCLUDE (region, sales_rep, category)
    FROM open_all a
    WHERE derived.customer_passes(a.segment, a.region, a.sales_rep, a.customer_id, $segment, $region, $sales_rep, $customer)
      AND derived.product_passes(a.category, a.supplier, a.sku, $category, $supplier, $sku)
),
deals AS (
    SELECT o.customer_id, count(*)::DOUBLE AS open_deals, sum(o.amount)::DOUBLE AS open_deal_amount
    FROM opportunities o
    WHERE o.customer_id IN (SELECT customer_id FROM open_lines)
      AND o.created_date <= $to::DATE
      AND o.closed_date > $to::DATE
    GROUP BY o.customer_id
)
SELECT l.* EXCLUDE (order_date, promised_date),
       strftime(l.order_date, '%Y-%m-%d') AS order_date,
       strftime(l.promised_date, '%Y-%m-%d') AS promised_date,
       date_diff('day', l.order_date, $to::DATE)::INTEGER AS age_days,
       CASE WHEN l.promised_date IS NULL THEN NULL ELSE date_diff('day', l.promised_date, $to::DATE)::INTEGER END AS days_past_promise,
       coalesce(d.open_deals, 0) AS open_deals,
       coalesce(d.open_deal_amount, 0) AS open_deal_amount
FROM open_lines l
LEFT JOIN deals d ON d.customer_id = l.customer_id
ORDER BY l.order_date, l.order_id, l.line_no
