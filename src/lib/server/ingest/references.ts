import type { DuckDBConnection } from '@duckdb/node-api';
import { SCHEMA, TABLE_NAMES, type TableName } from '../../schema';
import { quoteIdent } from './sql-text';
import type { ReferenceWarning } from './types';

const fmt = (n: number) => n.toLocaleString('en-US');

type Ref = NonNullable<(typeof SCHEMA)[TableName]['references']>[number];

/**
 * Broken references (an order line for a customer not in customers…) are warnings, not rejects: files
 * arrive one at a time and a partial extract is still worth loading. Checked for every reference that
 * touches a table of this load, in either direction. One scan per table counts all its references
 * (order_lines is the 10M-row table: scanning it once per reference would be a visible cost of a load);
 * the details are only looked up for the references that are actually broken.
 */
export async function referenceWarnings(conn: DuckDBConnection, loaded: Set<TableName>): Promise<ReferenceWarning[]> {
	const out: ReferenceWarning[] = [];
	for (const table of TABLE_NAMES) {
		const refs = (SCHEMA[table].references ?? []).filter((r) => loaded.has(table) || loaded.has(r.table));
		if (!refs.length) continue;
		const joins = refs.map(
			(r, i) =>
				`LEFT JOIN (SELECT DISTINCT ${quoteIdent(r.targetColumn)} AS k FROM ${quoteIdent(r.table)}) r${i} ` +
				`ON t.${quoteIdent(r.column)} = r${i}.k`
		);
		const counts = refs.map((r, i) => `count(*) FILTER (WHERE t.${quoteIdent(r.column)} IS NOT NULL AND r${i}.k IS NULL)`);
		const row = (await conn.runAndReadAll(`SELECT ${counts.join(', ')} FROM ${quoteIdent(table)} t ${joins.join(' ')}`)).getRows()[0];
		for (const [i, r] of refs.entries()) {
			const n = Number(row[i]);
			if (n) out.push(await detail(conn, table, r, n));
		}
	}
	return out;
}

async function detail(conn: DuckDBConnection, table: TableName, r: Ref, rows: number): Promise<ReferenceWarning> {
	const targetRows = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${quoteIdent(r.table)}`)).getRows()[0][0]);
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
	const missing =
		`SELECT DISTINCT t.${col} AS v FROM ${quoteIdent(table)} t ANTI JOIN ${quoteIdent(r.table)} x ` +
		`ON t.${col} = x.${quoteIdent(r.targetColumn)} WHERE t.${col} IS NOT NULL`;
	const [distinct, examples] = (
		await conn.runAndReadAll(`WITH m AS (${missing}) SELECT count(*), (SELECT list(v ORDER BY v) FROM (SELECT v FROM m ORDER BY v LIMIT 5)) FROM m`)
	).getRowsJson()[0] as [string, string[] | null];
	const ex = examples ?? [];
	return {
		table,
		column: r.column,
		target: r.table,
		rows,
		distinct_values: Number(distinct),
		examples: ex,
		message:
			`${fmt(rows)} ${table} row${rows === 1 ? '' : 's'} ha${rows === 1 ? 's' : 've'} a ${r.column} not found in ${r.table} ` +
			`(${fmt(Number(distinct))} distinct, e.g. ${ex.join(', ')})`
	};
}
