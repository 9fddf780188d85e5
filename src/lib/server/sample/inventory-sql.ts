/**
 * Weekly inventory snapshots per SKU (Mondays). On-hand = weekly demand × weeks of cover × a replenishment
 * sawtooth; cover is cut by the lean programme, and a SKU that is short that week holds next to nothing.
 * A few rows carry a unit_cost override (cost drift), which the holding-value metric must honour.
 */
import { FIRST_SNAPSHOT, LEAN, SNAPSHOT_WEEKS } from './params';

export function inventorySql(): string[] {
	return [
		// integer sums: exact, so the same on every run whatever the thread schedule
		`CREATE OR REPLACE TABLE demand AS SELECT pi, sum(qty)::BIGINT AS q FROM ol GROUP BY pi`,
		`CREATE OR REPLACE TABLE snap AS
		WITH g AS (
			SELECT t.w::INTEGER AS w, DATE '${FIRST_SNAPSHOT}' + 7 * t.w::INTEGER AS snapshot_date, p.pi, p.sku, p.unit_cost,
				coalesce(d.q, 0) / ${SNAPSHOT_WEEKS}.0 AS weekly,
				(2 + floor(u(p.pi, 'cycle') * 5))::INTEGER AS cycle,
				sh.pi IS NOT NULL AS is_short
			FROM range(${SNAPSHOT_WEEKS}) t(w) CROSS JOIN prod p
			LEFT JOIN demand d ON d.pi = p.pi
			LEFT JOIN short sh ON sh.pi = p.pi AND sh.w = t.w
		)
		SELECT snapshot_date, pi, sku,
			CASE WHEN is_short THEN floor(weekly * 0.3 * u2(pi, w, 'short_stock'))
				ELSE round(weekly * ${LEAN.cover_weeks_before} * (1 - ${LEAN.cover_reduction} * ramp(snapshot_date))
					* (0.5 + ((w + floor(u(pi, 'cycle_phase') * cycle)) % cycle + 0.5) / cycle)
					* exp(0.1 * nrm2(pi, w, 'stock_noise')) + 2 + floor(8 * u2(pi, w, 'stock_min')))
			END::BIGINT AS on_hand_qty,
			CASE WHEN u2(pi, w, 'cost_override') < 0.04
				THEN round(unit_cost * (1 + 0.02 * years(snapshot_date)) * (1 + 0.02 * nrm2(pi, w, 'cost_drift')), 2)::DECIMAL(12, 2)
			END AS unit_cost
		FROM g`
	];
}
