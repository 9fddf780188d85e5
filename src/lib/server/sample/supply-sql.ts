/**
 * Supplier shortage episodes: the only cause of backorders. Each week a supplier may start an episode
 * (more often for the few shortage-prone suppliers — the Pareto — and more often as the lean programme
 * cuts stock); an episode lasts a few weeks (long tail) and hits a share of that supplier's SKUs.
 * Result: short(pi, w) = SKU pi is short in week w (w = days since DATA_FROM / 7).
 */
import { DATA_FROM, LEAN, SHORTAGE, SNAPSHOT_WEEKS } from './params';

export function supplySql(): string[] {
	return [
		`CREATE OR REPLACE TABLE episode AS
		SELECT s.si, w AS start_w, s.si * 1000 + w + 20 AS ep_id,
			least(16, 2 + floor(-ln(1 - u2(s.si, w, 'ep_len')) * 3))::INTEGER AS dur,
			0.08 + 0.17 * u2(s.si, w, 'ep_cover') AS coverage
		FROM sup s CROSS JOIN range(-12, ${SNAPSHOT_WEEKS + 1}) t(w)
		WHERE u2(s.si, w, 'ep_start') < ${SHORTAGE.episode_start_rate} * s.prone
			* (1 + ${LEAN.shortage_multiplier - 1} * ramp(DATE '${DATA_FROM}' + 7 * w::INTEGER))`,
		`CREATE OR REPLACE TABLE short AS
		WITH hit AS (
			SELECT p.pi, e.start_w, e.dur FROM episode e JOIN prod p ON p.si = e.si
			WHERE u2(p.pi, e.ep_id, 'ep_hit') < e.coverage
		), weeks AS (SELECT pi, start_w + unnest(range(dur)) AS w FROM hit)
		SELECT DISTINCT pi, w::INTEGER AS w FROM weeks WHERE w BETWEEN 0 AND ${SNAPSHOT_WEEKS}`
	];
}
