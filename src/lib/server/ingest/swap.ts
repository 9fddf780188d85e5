import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent } from './sql-text';
import type { TableName } from '../../schema';
import type { StagedTable } from './stage';
import { deriveBackorders, type BackorderRules } from './derive';
import type { IngestProgress } from './types';

export interface SwapResult {
	loadId: number;
	dataVersion: number;
	/** reject rows kept in load_rejects, per table */
	stored: Map<string, number>;
}

/**
 * Replaces every staged table in ONE transaction: record the rejects and the load, turn each stage into
 * its canonical table (drop the helper columns, drop the old table, rename, delete the rejected rows),
 * bump data_version, commit (`commit`: through the derived tables' build, see ingest/index.ts). Readers on other connections see the old data until COMMIT and the whole
 * new set after it; a failure or a killed process leaves the previous data, and the tables of a load
 * never disagree about which load they came from.
 */
export async function swapIn(
	conn: DuckDBConnection,
	staged: StagedTable[],
	startedAt: Date,
	keep: { perRule: number; total: number },
	rules: BackorderRules,
	onProgress?: (p: IngestProgress) => void,
	emptied: readonly TableName[] = [],
	commit: (conn: DuckDBConnection) => Promise<unknown> = (c) => c.run('COMMIT')
): Promise<SwapResult> {
	await conn.run('BEGIN TRANSACTION');
	try {
		const id = await conn.runAndReadAll('SELECT coalesce(max(load_id), 0) + 1 FROM loads');
		const loadId = Number(id.getRows()[0][0]);
		const stored = new Map<string, number>();

		for (const s of staged) {
			const table = s.source.table;
			onProgress?.({ table, phase: 'loading', fraction: 0 });
			// rejects describe the data a table holds now; older ones describe rows that are gone
			await conn.run('DELETE FROM load_rejects WHERE table_name = $table', { table });
			if (s.rows_rejected === 0) stored.set(table, 0);
			else {
				// the first rejects of each rule (a file with a million bad dates keeps a thousand of them
				// and still shows its one bad quantity), at most `total` in all; the counts cover every one
				const kept = await conn.runAndReadAll(
					`INSERT INTO load_rejects SELECT $load_id, $table, $file, line, column_name, value, rule FROM (${s.rejectsSql}) ` +
						`QUALIFY row_number() OVER (PARTITION BY rule ORDER BY line, column_name) <= $per_rule ` +
						`ORDER BY line, column_name LIMIT $max`,
					{ load_id: loadId, table, file: s.source.name, per_rule: keep.perRule, max: keep.total }
				);
				stored.set(table, Number(kept.getRows()[0]?.[0] ?? 0));
			}
			await conn.run(
				`INSERT INTO loads VALUES ($load_id, $table, $file, $format, $started, $finished, $read, $loaded, $rejected)`,
				{
					load_id: loadId,
					table,
					file: s.source.name,
					format: s.source.compression ? `${s.source.format}.gz` : s.source.format,
					started: utcTimestamp(startedAt),
					finished: utcTimestamp(new Date()),
					read: s.rows_read,
					loaded: s.rows_loaded,
					rejected: s.rows_rejected
				}
			);

			// DuckDB drops a column without rewriting the data, so this swap costs no second copy.
			// Rows are deleted after the rename: deleting before ALTER in one transaction conflicts.
			for (const col of s.helpers) await conn.run(`ALTER TABLE ${quoteIdent(s.stage)} DROP COLUMN ${quoteIdent(col)}`);
			await conn.run(`DROP TABLE ${quoteIdent(table)}`);
			await conn.run(`ALTER TABLE ${quoteIdent(s.stage)} RENAME TO ${quoteIdent(table)}`);
			if (s.dropRows)
				await conn.run(`DELETE FROM ${quoteIdent(table)} WHERE rowid IN (SELECT r FROM ${quoteIdent(s.dropRows)})`);
			onProgress?.({ table, phase: 'loading', fraction: 1 });
		}

		// a replace-all load: the tables it had no file for hold nothing of an earlier load
		for (const table of emptied) {
			await conn.run(`DELETE FROM ${quoteIdent(table)}`);
			await conn.run('DELETE FROM load_rejects WHERE table_name = $table', { table });
			await conn.run(`INSERT INTO loads VALUES ($load_id, $table, '', 'emptied', $started, $finished, 0, 0, 0)`, {
				load_id: loadId,
				table,
				started: utcTimestamp(startedAt),
				finished: utcTimestamp(new Date())
			});
		}

		// lines without recorded backorders take them from the shipments or the dates, with this load
		if (staged.some((s) => s.source.table === 'order_lines' || s.source.table === 'shipments') || emptied.includes('shipments')) {
			onProgress?.({ table: 'order_lines', phase: 'deriving backorders', fraction: 0 });
			await deriveBackorders(conn, rules);
		}

		const v = await conn.runAndReadAll(
			`UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version' RETURNING value`
		);
		await commit(conn);
		return { loadId, dataVersion: Number(v.getRows()[0]?.[0] ?? 0), stored };
	} catch (e) {
		await conn.run('ROLLBACK').catch(() => {});
		throw e;
	}
}

/** loads.started_at / finished_at are UTC wall-clock, whatever the server's time zone. */
const utcTimestamp = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
