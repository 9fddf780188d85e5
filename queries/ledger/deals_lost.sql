-- Opportunities closed in the period ($from..$to inclusive): decided counts for the win rate, and the
-- backorder-related ones (keyword in loss_reason or note) lost or not bid. Customer filters apply through
-- the opportunity's customer; product filters cannot (an opportunity names no SKU). One row per closing
-- month: summed for the period, and the ledger's monthly trend as it is.
WITH allowed_customers AS (
    -- empty unless a customer filter is set: with no filter DuckDB folds the guard and skips the probe
    SELECT customer_id FROM customers
    WHERE ($segment IS NOT NULL OR $region IS NOT NULL OR $sales_rep IS NOT NULL)
      AND ($segment IS NULL OR segment = $segment)
      AND ($region IS NULL OR region = $region)
      AND ($sales_rep IS NULL OR sales_rep = $sales_rep)
),
opps AS (
    SELECT
        strftime(o.closed_date, '%Y-%m-01') AS month,
        o.outcome,
        o.amount,
        regexp_matches(coalesce(o.loss_reason, '') || chr(10) || coalesce(o.note, ''), $keyword_pattern) AS related
    FROM opportunities o
    WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
      AND (($segment IS NULL AND $region IS NULL AND $sales_rep IS NULL) OR o.customer_id IN (SELECT customer_id FROM allowed_customers))
      AND ($customer IS NULL OR o.customer_id = $customer)
)
SELECT
    month,
    count(*)::DOUBLE                                       AS opportunities,
    count(*) FILTER (WHERE outcome = 'won')::DOUBLE        AS won,
    count(*) FILTER (WHERE outcome = 'lost')::DOUBLE       AS lost,
    count(*) FILTER (WHERE outcome = 'no_bid')::DOUBLE     AS no_bid,
    count(*) FILTER (WHERE related AND outcome IN ('lost', 'no_bid'))::DOUBLE AS lost_deals,
    coalesce(sum(amount) FILTER (WHERE related AND outcome IN ('lost', 'no_bid')), 0)::DOUBLE AS lost_value
FROM opps
GROUP BY month
ORDER BY month
