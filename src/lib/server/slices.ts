/**
 * Node runs every request on one thread: a second of JavaScript (converting a million-row result, the
 * fill plan, the wallet estimate) holds up every other visitor's request for that second — measured at
 * 10M lines, stalls of 0.8–2.2 s after each load; at 30M up to 5 s, long enough for a kept-alive socket
 * to be reset under the next request. Long work gives the event loop a turn once it has run a slice.
 */
import type { Steps } from '$lib/steps';

/** Work longer than this between turns is felt as a stall by the requests waiting behind it. */
export const SLICE_MS = 15;

export function yieldToLoop(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/** A clock for one piece of work: `await turn()` between steps yields when a slice has been spent. */
export function slicer(sliceMs = SLICE_MS, now: () => number = () => performance.now()): () => Promise<void> | undefined {
	let start = now();
	return () => {
		if (now() - start < sliceMs) return undefined;
		return yieldToLoop().then(() => {
			start = now();
		});
	};
}

/** Runs the steps, giving the event loop a turn after each slice. */
export async function inSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS, now?: () => number): Promise<T> {
	const turn = slicer(sliceMs, now);
	for (;;) {
		const r = steps.next();
		if (r.done) return r.value;
		const t = turn();
		if (t) await t;
	}
}
