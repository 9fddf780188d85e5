-- Opportunities closed in the period ($from..$to inclusive): decided counts for the win rate, and the
-- deals lost to availability (derived.deal_lost_to_availability: lost or not bid, keyword in loss_reason
-- or note). Customer filters apply through the opportunity's customer; product filters cannot (an
-- opportunity names no SKU): under one the ledger reports these as not attributable (src/lib/scope.ts).
-- One row per closing month: summed for the period, and the ledger's monthly trend as it is.
WITH opps AS (
    SELECT
        strftime(o.closed_date, '%Y-%m-01') AS month,
        o.outcome,
        o.amount,
        derived.deal_lost_to_availability(o.outcome, o.loss_reason, o.note, $keyword_pattern) AS lost_to_availability
    FROM opportunities o
    WHERE o.closed_date BETWEEN $from::DATE AND $to::DATE
      AND derived.customer_in(o.customer_id, $segment, $region, $sales_rep, $customer)
)
SELECT
    month,
    count(*)::DOUBLE                                       AS opportunities,
    count(*) FILTER (WHERE outcome = 'won')::DOUBLE        AS won,
    count(*) FILTER (WHERE outcome = 'lost')::DOUBLE       AS lost,
    count(*) FILTER (WHERE outcome = 'no_bid')::DOUBLE     AS no_bid,
    count(*) FILTER (WHERE lost_to_availability)::DOUBLE   AS lost_deals,
    coalesce(sum(amount) FILTER (WHERE lost_to_availability), 0)::DOUBLE AS lost_value
FROM opps
GROUP BY month
ORDER BY month
