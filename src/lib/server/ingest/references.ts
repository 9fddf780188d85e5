import type { DuckDBConnection } from '@duckdb/node-api';
import { SCHEMA, TABLE_NAMES, type TableName } from '../../schema';
import { quoteIdent } from './sql-text';
import type { ReferenceWarning } from './types';

const fmt = (n: number) => n.toLocaleString('en-US');

type Ref = NonNullable<(typeof SCHEMA)[TableName]['references']>[number];

/**
 * Broken references (an order line for a customer not in customers…) are warnings, not rejects: files
 * arrive one at a time and a partial extract is still worth loading. Checked for every reference that
 * touches a table of this load, in either direction. Each is probed through the column's distinct
 * values: 10M order lines name 50k customers, and grouping them down to those (0.2 s here) costs a
 * quarter of probing a join for every row (one scan joining both of order_lines' references took
 * 0.8–1 s). Rows are only counted, and the details looked up, for the references that are broken.
 */
export async function referenceWarnings(conn: DuckDBConnection, loaded: Set<TableName>): Promise<ReferenceWarning[]> {
	const out: ReferenceWarning[] = [];
	for (const table of TABLE_NAMES) {
		const refs = (SCHEMA[table].references ?? []).filter((r) => loaded.has(table) || loaded.has(r.table));
		for (const r of refs) {
			const col = quoteIdent(r.column);
			const missing = await count(
				conn,
				`SELECT count(*) FROM (SELECT DISTINCT ${col} AS v FROM ${quoteIdent(table)} WHERE ${col} IS NOT NULL) t ` +
					`ANTI JOIN ${quoteIdent(r.table)} x ON t.v = x.${quoteIdent(r.targetColumn)}`
			);
			if (!missing) continue;
			const rows = await count(
				conn,
				`SELECT count(*) FROM ${quoteIdent(table)} t ANTI JOIN ${quoteIdent(r.table)} x ` +
					`ON t.${col} = x.${quoteIdent(r.targetColumn)} WHERE t.${col} IS NOT NULL`
			);
			out.push(await detail(conn, table, r, rows, missing));
		}
	}
	return out;
}

const count = async (conn: DuckDBConnection, sql: string): Promise<number> =>
	Number((await conn.runAndReadAll(sql)).getRows()[0][0]);

async function detail(conn: DuckDBConnection, table: TableName, r: Ref, rows: number, distinct: number): Promise<ReferenceWarning> {
	const targetRows = await count(conn, `SELECT count(*) FROM ${quoteIdent(r.table)}`);
	if (targetRows === 0) {
		// the usual first load of one file: say so instead of listing every value as unknown
		return {
			table,
			column: r.column,
			target: r.table,
			rows,
			distinct_values: null,
			examples: [],
			message: `${fmt(rows)} ${table} row${rows === 1 ? '' : 's'} refer to ${r.table} by ${r.column}, but ${r.table} is empty`
		};
	}
	const col = quoteIdent(r.column);
	const examples = (
		await conn.runAndReadAll(
			`SELECT list(v ORDER BY v) FROM (SELECT DISTINCT t.${col} AS v FROM ${quoteIdent(table)} t ANTI JOIN ${quoteIdent(r.table)} x ` +
				`ON t.${col} = x.${quoteIdent(r.targetColumn)} WHERE t.${col} IS NOT NULL ORDER BY v LIMIT 5)`
		)
	).getRowsJson()[0][0] as string[] | null;
	const ex = examples ?? [];
	return {
		table,
		column: r.column,
		target: r.table,
		rows,
		distinct_values: distinct,
		examples: ex,
		message:
			`${fmt(rows)} ${table} row${rows === 1 ? '' : 's'} ha${rows === 1 ? 's' : 've'} a ${r.column} not found in ${r.table} ` +
			`(${fmt(distinct)} distinct, e.g. ${ex.join(', ')})`
	};
}
