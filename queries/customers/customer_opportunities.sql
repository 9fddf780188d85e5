-- One customer's opportunities over all data, with the DESIGN §3 flag (keyword in loss_reason or note).
SELECT
    opportunity_id,
    strftime(created_date, '%Y-%m-%d') AS created_date,
    strftime(closed_date, '%Y-%m-%d') AS closed_date,
    amount::DOUBLE AS amount,
    outcome, loss_reason, competitor, note,
    derived.text_related(loss_reason, note, $keyword_pattern) AS related
FROM opportunities
WHERE customer_id = $id
ORDER BY closed_date, opportunity_id
