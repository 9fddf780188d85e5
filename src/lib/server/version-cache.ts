/**
 * Results kept per data version (issue 9): a page's queries depend only on the loaded data and the
 * request's bound values, and the data change only through a load, which changes `dataVersion()` (the
 * load counter plus the row counts, see src/lib/server/metrics/summary.ts). So a result computed once
 * for (version, what, parameters) is the answer until the version moves on.
 *
 * - The pending promise is kept, so concurrent identical requests share one computation.
 * - A failed computation is dropped, so the next request tries again.
 * - Seeing a new version drops every entry of the old one (they can never be asked for again, and a
 *   customer's detail can be large); entries are also bounded, least recently used out first.
 * - No version (the database could not say) means no caching: every call computes.
 */
export class VersionCache {
	private entries = new Map<string, Promise<unknown>>();
	private version: string | null = null;
	private static readonly all = new Set<VersionCache>();

	constructor(readonly keep: number) {
		VersionCache.all.add(this);
	}

	/** Empties every cache of the process (before a load: see src/lib/server/memory.ts). */
	static clearAll(): void {
		for (const c of VersionCache.all) c.clear();
	}

	/** `make()`'s result for `parts` under `version`, computed once per version. */
	get<T>(version: string | undefined, parts: readonly unknown[], make: () => Promise<T>): Promise<T> {
		if (version === undefined) return make();
		if (version !== this.version) {
			this.entries.clear();
			this.version = version;
		}
		const key = JSON.stringify(parts);
		const hit = this.entries.get(key);
		if (hit) {
			this.entries.delete(key);
			this.entries.set(key, hit); // most recently used last
			return hit as Promise<T>;
		}
		const p = make();
		this.entries.set(key, p);
		p.catch(() => {
			if (this.entries.get(key) === p) this.entries.delete(key);
		});
		while (this.entries.size > this.keep) this.entries.delete(this.entries.keys().next().value!);
		return p;
	}

	get size(): number {
		return this.entries.size;
	}

	clear(): void {
		this.entries.clear();
		this.version = null;
	}
}
