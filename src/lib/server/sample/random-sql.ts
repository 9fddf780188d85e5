/**
 * Deterministic pseudo-random numbers for set-based generation. DuckDB's random() depends on thread
 * scheduling; hash(seed, key, salt) does not, so the same seed gives the same rows on any run.
 */

/** SQL text literal: numbers and strings from the generator's own word lists, never user input. */
export function sqlString(s: string | null): string {
	return s === null ? 'NULL' : `'${s.replaceAll("'", "''")}'`;
}

/** A DuckDB list literal of strings (NULL allowed), indexed 1-based in SQL. */
export function sqlList(items: readonly (string | null)[]): string {
	return `([${items.map(sqlString).join(', ')}]::VARCHAR[])`;
}

/** A DuckDB list-of-lists literal. */
export function sqlNestedList(items: readonly (readonly string[])[]): string {
	return `([${items.map((l) => `[${l.map(sqlString).join(', ')}]`).join(', ')}]::VARCHAR[][])`;
}

/**
 * Macros (temporary, per connection):
 * - u(a, salt), u2(a, b, salt), u3(a, b, c, salt): uniform in [0, 1) from 53 bits of the hash;
 * - nrm(a, salt), nrm2(a, b, salt): standard normal by Box–Muller;
 * - pick(list, r): the list element at r ∈ [0, 1).
 * Salts are short strings naming the draw, so two draws for the same row never coincide.
 */
export function randomMacros(seed: number): string[] {
	const s = `${Math.trunc(seed)}::BIGINT`;
	// DuckDB combines multi-argument hashes weakly (u(i,'x') and u(i,'x2') correlate at 0.88); hashing the
	// combined hash once more through the integer mixer makes the draws independent (|corr| < 0.005).
	const unit = (args: string) => `((hash(hash(${s}, ${args})) >> 11)::DOUBLE / 9007199254740992.0)`;
	return [
		`CREATE OR REPLACE TEMP MACRO u(a, salt) AS ${unit('a::BIGINT, salt::VARCHAR')}`,
		`CREATE OR REPLACE TEMP MACRO u2(a, b, salt) AS ${unit('a::BIGINT, b::BIGINT, salt::VARCHAR')}`,
		`CREATE OR REPLACE TEMP MACRO u3(a, b, c, salt) AS ${unit('a::BIGINT, b::BIGINT, c::BIGINT, salt::VARCHAR')}`,
		`CREATE OR REPLACE TEMP MACRO nrm(a, salt) AS
			(sqrt(-2 * ln(1 - u(a, salt || '.1'))) * cos(2 * pi() * u(a, salt || '.2')))`,
		`CREATE OR REPLACE TEMP MACRO nrm2(a, b, salt) AS
			(sqrt(-2 * ln(1 - u2(a, b, salt || '.1'))) * cos(2 * pi() * u2(a, b, salt || '.2')))`,
		`CREATE OR REPLACE TEMP MACRO pick(list, r) AS (list[1 + floor(r * len(list))::INTEGER])`
	];
}
