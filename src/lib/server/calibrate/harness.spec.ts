/**
 * The fast version of npm run calibrate: three seeds of the uniform −15 % world at 1,500 customers. The
 * contract (bias ≤ 1 pt over ≥ 20 seeds, 85–95 % coverage) is the full run's; three seeds can only hold
 * the chosen design to looser bounds, and check the harness measures what it says.
 */
import { describe, expect, it } from 'vitest';
import { calibrate, CHOSEN, formatTable, OLD, summarise, WORLDS } from './harness';

describe('calibration harness (3 seeds)', () => {
	it('recovers the planted uniform decline with the chosen design', { timeout: 180_000 }, async () => {
		const runs = await calibrate({ seeds: 3, customers: 1500, worlds: [WORLDS[0]] });
		const s = summarise(runs);
		const chosen = s.find((d) => d.design === CHOSEN)!;
		const old = s.find((d) => d.design === OLD)!;
		expect(chosen.runs).toBe(3);
		expect(chosen.estimable).toBe(3);
		// first exposure keeps about twice the customers the isolated-incident recipe kept
		expect(chosen.mean_treated).toBeGreaterThan(1.5 * old.mean_treated);
		// the target of a uniform world is the planted decline itself
		for (const r of runs) expect(r.target).toBeCloseTo(-15, 9);
		expect(Math.abs(chosen.bias!)).toBeLessThan(2);
		expect(chosen.rmse!).toBeLessThan(3);
		expect(chosen.coverage!).toBeGreaterThanOrEqual(2 / 3);
		expect(formatTable(s).split('\n')).toHaveLength(2 + s.length);
	});
});
