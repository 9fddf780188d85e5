/**
 * Backorders the files did not record, derived from shipments or inferred from dates (DESIGN §2.1),
 * written into order_lines so that every figure reads them as it reads recorded ones, with each line's
 * source in bo_source. Runs inside the transaction of a load that changed order_lines or shipments, and
 * of an edit that changed the active scenario's rules (ship_grace_days, open_after_days); meta remembers
 * the rules the lines were derived with.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_ASSUMPTIONS, valuesFromStored, type AssumptionValues } from '$lib/metrics/assumptions';
import { readSql } from '../db/sql-files';

export type BackorderRules = Pick<AssumptionValues, 'ship_grace_days' | 'open_after_days'>;

const RULES_KEY = 'backorder_rules';

/** The active scenario's values of the database (the defaults when no scenario was ever saved). */
export async function activeValues(conn: DuckDBConnection): Promise<AssumptionValues> {
	try {
		const r = (await conn.runAndReadAll(readSql('assumptions/active'))).getRowObjectsJson() as { assumptions: string }[];
		if (r.length) return valuesFromStored(JSON.parse(r[0].assumptions));
	} catch {
		// no assumption tables yet (a database only ever loaded by the CLI): the defaults
	}
	return structuredClone(DEFAULT_ASSUMPTIONS);
}

export const rulesOf = (v: AssumptionValues): BackorderRules => ({ ship_grace_days: v.ship_grace_days, open_after_days: v.open_after_days });

/** The rules the stored lines were derived with, or null if never derived. */
export async function rulesInUse(conn: DuckDBConnection): Promise<BackorderRules | null> {
	const r = (await conn.runAndReadAll(`SELECT value FROM meta WHERE key = '${RULES_KEY}'`)).getRowsJson() as string[][];
	try {
		return r.length ? (JSON.parse(r[0][0]) as BackorderRules) : null;
	} catch {
		return null;
	}
}

/**
 * Derives the lines without a recorded source; answers how many lines it wrote. Call inside a
 * transaction. Nothing to do (and no scan of the shipments) when every line records its backorders.
 */
export async function deriveBackorders(conn: DuckDBConnection, rules: BackorderRules): Promise<number> {
	const pending = Number((await conn.runAndReadAll(`SELECT count(*) FROM order_lines WHERE bo_source IS DISTINCT FROM 'recorded'`)).getRows()[0][0]);
	if (pending > 0) await conn.run(readSql('derive/backorders'), { grace: rules.ship_grace_days, open_after: rules.open_after_days });
	await conn.run(`INSERT OR REPLACE INTO meta VALUES ('${RULES_KEY}', $rules)`, { rules: JSON.stringify(rules) });
	return pending;
}

/**
 * After an edit of the assumptions (inside its transaction): when the active scenario's rules differ
 * from those the lines were derived with, derive again and move the data version on, so every cached
 * figure is recomputed. Answers whether it did.
 */
export async function rederiveIfRulesChanged(conn: DuckDBConnection): Promise<boolean> {
	const rules = rulesOf(await activeValues(conn));
	const used = await rulesInUse(conn);
	if (used && used.ship_grace_days === rules.ship_grace_days && used.open_after_days === rules.open_after_days) return false;
	const lines = await deriveBackorders(conn, rules);
	if (lines > 0) await conn.run(`UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'`);
	return lines > 0;
}
