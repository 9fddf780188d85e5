import type { DuckDBConnection } from '@duckdb/node-api';
import { SCHEMA, TABLE_NAMES, type TableName } from '../../schema';
import { quoteIdent } from './sql-text';
import type { ReferenceWarning } from './types';

/**
 * Broken references (an order line for a customer not in customers…) are warnings, not rejects: files
 * arrive one at a time and a partial extract is still worth loading. Checked for every reference that
 * touches a table of this load, in either direction.
 */
export async function referenceWarnings(conn: DuckDBConnection, loaded: Set<TableName>): Promise<ReferenceWarning[]> {
	const out: ReferenceWarning[] = [];
	for (const table of TABLE_NAMES) {
		for (const ref of SCHEMA[table].references ?? []) {
			if (!loaded.has(table) && !loaded.has(ref.table)) continue;
			const col = quoteIdent(ref.column);
			const sql =
				`WITH missing AS MATERIALIZED (SELECT t.${col} AS v FROM ${quoteIdent(table)} t ` +
				`ANTI JOIN ${quoteIdent(ref.table)} r ON t.${col} = r.${quoteIdent(ref.targetColumn)} WHERE t.${col} IS NOT NULL) ` +
				`SELECT (SELECT count(*) FROM missing), (SELECT count(DISTINCT v) FROM missing), ` +
				`(SELECT list(v ORDER BY v) FROM (SELECT DISTINCT v FROM missing ORDER BY v LIMIT 5))`;
			const [rows, distinct, examples] = (await conn.runAndReadAll(sql)).getRowsJson()[0] as [string, string, string[] | null];
			const n = Number(rows);
			if (!n) continue;
			const ex = examples ?? [];
			out.push({
				table,
				column: ref.column,
				target: ref.table,
				rows: n,
				distinct_values: Number(distinct),
				examples: ex,
				message:
					`${n} ${table} row${n === 1 ? '' : 's'} ha${n === 1 ? 's' : 've'} a ${ref.column} not found in ${ref.table} ` +
					`(${distinct} distinct, e.g. ${ex.join(', ')})`
			});
		}
	}
	return out;
}
