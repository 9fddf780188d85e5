/**
 * Long computations (a plan over a million backordered lines, the wallet estimate) are written as
 * generators that yield between steps, so the server can run them in slices and keep answering other
 * requests (src/lib/server/slices.ts), while tests and scripts run them straight through with `finish`.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to the end at once. */
export function finish<T>(steps: Steps<T>): T {
	for (;;) {
		const r = steps.next();
		if (r.done) return r.value;
	}
}
