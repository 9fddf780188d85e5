/**
 * Room for a load (DESIGN §7: the server stays under 3 GB). Measured in the 10M bench: the server holds
 * ~2.1 GB after many new filter sets (result caches, V8's heap), and a load through /data then adds
 * DuckDB's own memory, peaking at 2.9–3.6 GB. What the caches hold belongs to the data being replaced, so
 * they are emptied, and V8 is asked to collect now: left alone it keeps the freed heap while DuckDB,
 * whose memory V8 does not see, grows beside it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { VersionCache } from './version-cache';

let collect: (() => void) | null = null;
function collector(): () => void {
	if (!collect) {
		setFlagsFromString('--expose-gc');
		collect = runInNewContext('gc') as () => void;
	}
	return collect;
}

export function freeMemoryForLoad(): void {
	VersionCache.clearAll();
	try {
		collector()();
	} catch {
		// a runtime without the flag: the caches are empty, V8 collects when it will
	}
}
