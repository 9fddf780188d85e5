/**
 * Rows of a query in chunks (DuckDB's streaming result, ~2048 rows a chunk), for exports that must not
 * build the whole result in memory. The connection stays checked out of the pool while the consumer
 * reads, one chunk ahead at most, and is returned when the consumer finishes or stops early.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { withConnection } from '../db';

type Row = Record<string, unknown>;
type Item = { rows: Row[] } | { done: true } | { error: unknown };

export async function* streamRows(sql: string, values: Record<string, DuckDBValue>): AsyncGenerator<Row[]> {
	const queue: Item[] = [];
	// boxed so TypeScript does not narrow them to null across the awaits
	const wake: { consumer: (() => void) | null; producer: (() => void) | null } = { consumer: null, producer: null };
	let stopped = false;
	const push = (item: Item) => {
		queue.push(item);
		wake.consumer?.();
		wake.consumer = null;
	};
	void withConnection(async (c) => {
		const result = await c.stream(sql, values);
		for await (const rows of result.yieldRowObjectJson()) {
			if (stopped) break;
			push({ rows: rows as Row[] });
			// wait until the consumer has taken this chunk: one chunk in flight at most
			while (queue.length > 0 && !stopped) await new Promise<void>((r) => (wake.producer = r));
		}
	}).then(
		() => push({ done: true }),
		(error) => push({ error })
	);
	try {
		for (;;) {
			if (queue.length === 0) await new Promise<void>((r) => (wake.consumer = r));
			const item = queue.shift()!;
			wake.producer?.();
			wake.producer = null;
			if ('done' in item) return;
			if ('error' in item) throw item.error;
			yield item.rows;
		}
	} finally {
		stopped = true;
		wake.producer?.();
	}
}
