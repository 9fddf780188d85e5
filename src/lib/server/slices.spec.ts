import { describe, expect, it } from 'vitest';
import { finish, type Steps } from '$lib/steps';
import { inSlices } from './slices';

/** Ten steps of 5 ms each on a clock the test moves; each step logs its number, each turn of the event loop a 't'. */
function work(clock: { t: number }, log: string[]): Steps<number> {
	return (function* () {
		let sum = 0;
		for (let i = 1; i <= 10; i++) {
			clock.t += 5;
			sum += i;
			log.push(String(i));
			yield;
		}
		return sum;
	})();
}

describe('work in slices', () => {
	it('gives the event loop a turn each time a slice (15 ms) is spent, and only then', async () => {
		const clock = { t: 0 };
		const log: string[] = [];
		let done = false;
		const tick = () => {
			if (done) return;
			log.push('t');
			setImmediate(tick);
		};
		setImmediate(tick);
		const sum = await inSlices(work(clock, log), 15, () => clock.t);
		done = true;
		expect(sum).toBe(55);
		expect(log.join(' ')).toBe('1 2 3 t 4 5 6 t 7 8 9 t 10');
	});

	it('runs the same steps straight through with finish', () => {
		const log: string[] = [];
		expect(finish(work({ t: 0 }, log))).toBe(55);
		expect(log).toHaveLength(10);
	});
});
