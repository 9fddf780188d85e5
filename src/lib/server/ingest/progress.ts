import type { DuckDBConnection } from '@duckdb/node-api';

/** DuckDB only tracks query progress when the progress bar is enabled; printing stays off. */
export async function enableProgress(conn: DuckDBConnection): Promise<void> {
	await conn.run('SET enable_progress_bar = true');
	await conn.run('SET enable_progress_bar_print = false');
}

/**
 * Runs one long statement while polling the connection's progress (DuckDB reports a percentage for
 * the running query; -1 while it cannot tell). Reports only forward movement, so a bar never jumps back.
 */
export async function withProgress<T>(
	conn: DuckDBConnection,
	report: ((fraction: number) => void) | undefined,
	run: () => Promise<T>
): Promise<T> {
	if (!report) return run();
	let last = -1;
	const tick = () => {
		const pct = conn.progress.percentage;
		if (pct >= 0 && pct / 100 > last) {
			last = pct / 100;
			report(Math.min(1, last));
		}
	};
	report(0);
	const timer = setInterval(tick, 200);
	try {
		return await run();
	} finally {
		clearInterval(timer);
		report(1);
	}
}
