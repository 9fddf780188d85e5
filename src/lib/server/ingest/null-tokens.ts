import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_ASSUMPTIONS, valuesFromStored } from '$lib/metrics/assumptions';
import { readSql } from '../db/sql-files';

/**
 * The null tokens of the active scenario of the database being loaded (DESIGN §5), so that `npm run
 * ingest` and the upload read files alike; the defaults when no scenario was ever saved.
 */
export async function activeNullTokens(conn: DuckDBConnection): Promise<string[]> {
	try {
		const r = (await conn.runAndReadAll(readSql('assumptions/active'))).getRowObjectsJson() as { assumptions: string }[];
		if (r.length) return valuesFromStored(JSON.parse(r[0].assumptions)).null_tokens;
	} catch {
		// no assumption tables yet (a database only ever loaded by the CLI): the defaults
	}
	return [...DEFAULT_ASSUMPTIONS.null_tokens];
}
