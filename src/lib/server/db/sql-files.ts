import { readFileSync } from 'node:fs';
import path from 'node:path';

/** queries/ sits at the project root; the built server and the scripts both run from there. */
export function queriesDir(): string {
	return path.resolve(process.env.LEDGER_QUERIES ?? 'queries');
}

const NAME = /^[a-z0-9_]+(\/[a-z0-9_]+)?$/;
const cache = new Map<string, string>();

/** The text of queries/<name>.sql. Names are checked so a caller can never read outside queries/. */
export function readSql(name: string): string {
	if (!NAME.test(name)) throw new Error(`invalid query name: ${name}`);
	let sql = cache.get(name);
	if (sql === undefined) {
		sql = readFileSync(path.join(queriesDir(), `${name}.sql`), 'utf8');
		cache.set(name, sql);
	}
	return sql;
}

/** The $names a statement binds, so callers may pass a superset (e.g. the full filter object). */
export function sqlParams(sql: string): string[] {
	const stripped = sql.replace(/--[^\n]*/g, '').replace(/'(?:[^']|'')*'/g, "''");
	return [...new Set([...stripped.matchAll(/\$([a-zA-Z_][a-zA-Z0-9_]*)/g)].map((m) => m[1]))];
}
