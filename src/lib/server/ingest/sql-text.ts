/**
 * The only two places where text becomes SQL. DuckDB binds `$path` for read_csv/read_parquet, so these
 * are needed for identifiers (source headers, staging table names) and for constants that come from the
 * schema (enum values, rule texts) — never for user cell values, which stay in the data.
 */

/** A single-quoted SQL string literal. Doubling quotes is the whole escape in DuckDB's standard strings;
 * NUL cannot appear in a literal, so it is refused rather than silently truncated. */
export function sqlString(s: string): string {
	if (s.includes('\0')) throw new Error('NUL character in SQL string literal');
	return `'${s.replace(/'/g, "''")}'`;
}

/** A double-quoted identifier, safe for any header text a file may carry ("Qty ""Backordered""", emoji…). */
export function quoteIdent(name: string): string {
	if (name.includes('\0')) throw new Error('NUL character in SQL identifier');
	return `"${name.replace(/"/g, '""')}"`;
}
