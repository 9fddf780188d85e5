import type { DuckDBConnection } from '@duckdb/node-api';
import { DUCKDB_TYPE, SCHEMA, TABLE_NAMES, type TableName } from '../../schema';
import { readSql } from './sql-files';

/** CREATE TABLE text for a canonical table, from the schema spec (identifiers are from the spec only). */
export function tableDdl(table: TableName, name: string = table, ifNotExists = true): string {
	const cols = SCHEMA[table].columns.map((c) => `"${c.name}" ${DUCKDB_TYPE[c.type]}`).join(', ');
	return `CREATE ${ifNotExists ? 'TABLE IF NOT EXISTS' : 'OR REPLACE TABLE'} "${name}" (${cols})`;
}

/** Creates the canonical tables and the system tables if they do not exist yet. Idempotent. */
export async function ensureSchema(c: DuckDBConnection): Promise<void> {
	for (const t of TABLE_NAMES) await c.run(tableDdl(t));
	await c.run(readSql('system_tables'));
}
