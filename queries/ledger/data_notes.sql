-- What the period's data can and cannot support (DESIGN §2.1, issue 14): where the backorder figures of
-- its order lines come from, and gaps in its deals. Whole company, not the filtered slice: these are
-- properties of the files loaded, stated beside the figures.
WITH l AS (
    SELECT
        count(*)::DOUBLE AS lines,
        count(*) FILTER (WHERE bo_source = 'recorded')::DOUBLE AS recorded,
        count(*) FILTER (WHERE bo_source = 'shipments')::DOUBLE AS shipments,
        count(*) FILTER (WHERE bo_source = 'dates')::DOUBLE AS dates
    FROM order_lines
    WHERE order_date BETWEEN $from::DATE AND $to::DATE
),
o AS (
    SELECT
        count(*) FILTER (WHERE outcome IN ('lost', 'no_bid'))::DOUBLE AS lost_or_no_bid,
        count(*) FILTER (WHERE outcome IN ('lost', 'no_bid') AND coalesce(trim(loss_reason), '') = '' AND coalesce(trim(note), '') = '')::DOUBLE AS lost_without_reason,
        count(*) FILTER (WHERE outcome IN ('lost', 'no_bid') AND amount = 0)::DOUBLE AS lost_zero_amount
    FROM opportunities
    WHERE closed_date BETWEEN $from::DATE AND $to::DATE
)
SELECT * FROM l, o
