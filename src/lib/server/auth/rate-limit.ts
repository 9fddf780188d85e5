/**
 * Failed sign-ins per client address: after `LIMIT` failures within `WINDOW_MS`, further attempts from
 * that address are refused (429 with Retry-After) until the window that began with the first failure
 * ends. Counts live in memory; the map is pruned as it is used.
 */
export const LIMIT = 5;
export const WINDOW_MS = 60_000;
const MAX_TRACKED = 50_000;

interface Entry {
	failures: number;
	windowStart: number;
}

const entries = new Map<string, Entry>();

function live(ip: string, now: number): Entry | null {
	const e = entries.get(ip);
	if (!e) return null;
	if (now - e.windowStart >= WINDOW_MS) {
		entries.delete(ip);
		return null;
	}
	return e;
}

/** Seconds until this address may try again, or 0 when it may try now. */
export function retryAfter(ip: string, now = Date.now()): number {
	const e = live(ip, now);
	if (!e || e.failures < LIMIT) return 0;
	return Math.max(1, Math.ceil((e.windowStart + WINDOW_MS - now) / 1000));
}

export function recordFailure(ip: string, now = Date.now()): void {
	const e = live(ip, now);
	if (e) {
		e.failures++;
		return;
	}
	if (entries.size >= MAX_TRACKED) {
		for (const [k, v] of entries) if (now - v.windowStart >= WINDOW_MS) entries.delete(k);
		if (entries.size >= MAX_TRACKED) entries.delete(entries.keys().next().value!);
	}
	entries.set(ip, { failures: 1, windowStart: now });
}

export function clearFailures(ip: string): void {
	entries.delete(ip);
}

/** Tests only. */
export function resetRateLimits(): void {
	entries.clear();
}
