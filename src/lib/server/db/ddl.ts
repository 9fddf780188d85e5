import type { DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB_TYPE, SCHEMA, TABLE_NAMES, type ColumnSpec, type InternalColumn, type TableName } from '../../schema';
import { readSql } from './sql-files';

/** A column's DDL; only internal columns carry a DEFAULT (input columns' defaults are applied by the load). */
const columnDdl = (c: ColumnSpec | InternalColumn) =>
	`"${c.name}" ${DUCKDB_TYPE[c.type]}${'required' in c || c.default === undefined ? '' : ` DEFAULT '${c.default.replace(/'/g, "''")}'`}`;

/** CREATE TABLE text for a canonical table, from the schema spec (identifiers are from the spec only). */
export function tableDdl(table: TableName, name: string = table, ifNotExists = true): string {
	const cols = [...SCHEMA[table].columns, ...(SCHEMA[table].internal ?? [])].map(columnDdl).join(', ');
	return `CREATE ${ifNotExists ? 'TABLE IF NOT EXISTS' : 'OR REPLACE TABLE'} "${name}" (${cols})`;
}

/**
 * Creates the canonical tables and the system tables if they do not exist yet, and adds the columns a
 * newer version defines to tables an older one made (empty: a load fills them). Idempotent.
 */
export async function ensureSchema(c: DuckDBConnection): Promise<void> {
	for (const t of TABLE_NAMES) await c.run(tableDdl(t));
	const have = new Set(
		(
			(await c.runAndReadAll(`SELECT table_name || '.' || column_name AS c FROM duckdb_columns() WHERE schema_name = 'main' AND database_name = current_database()`)).getRowsJson() as string[][]
		).map((r) => r[0])
	);
	for (const t of TABLE_NAMES) {
		for (const col of [...SCHEMA[t].columns, ...(SCHEMA[t].internal ?? [])]) {
			// existing rows take the column's default (bo_source: 'recorded', which is what they were)
			if (!have.has(`${t}.${col.name}`)) await c.run(`ALTER TABLE "${t}" ADD COLUMN ${columnDdl(col)}`);
		}
	}
	await c.run(readSql('system_tables'));
}
