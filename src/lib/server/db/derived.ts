/**
 * Derived tables: small pre-aggregations of the loaded data that the ledger queries read instead of
 * scanning 10M order lines for every new filter set (issue 9). They live in an in-memory database
 * ATTACHed to the instance as `derived`, so they are never written to the file, never outlive the
 * data they were built from, and a load never has to wait for them.
 *
 * They are rebuilt on first use after the data change, keyed by the same thing that identifies the
 * data (load counter and row counts of the tables they read); concurrent users of a stale set wait for
 * one rebuild. Queries that read them say so by naming `derived.` in their SQL (see runQuery).
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { readSql } from './sql-files';

/** In build order: a file may read the derived tables listed before it. */
export const DERIVED_TABLES = ['line_months', 'bo_lines', 'order_shares', 'contact_texts', 'contacts'] as const;

const BUILD_SHAPE = /^\s*create\s+or\s+replace\s+table\s+derived\.[a-z_]+\s+as\b/i;
const stripComments = (s: string) => s.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');

interface State {
	/** the version the tables were built from, once built */
	built: string | null;
	/** the build in progress, if any */
	pending: Promise<string> | null;
}
const states = new WeakMap<DuckDBInstance, State>();

/**
 * Called once per instance when it is opened: the in-memory catalog, and in it the scope macros
 * (queries/scope/macros.sql: the filters and the §3 classification every query calls).
 */
export async function attachDerived(c: DuckDBConnection): Promise<void> {
	await c.run(`ATTACH IF NOT EXISTS ':memory:' AS derived`);
	await c.run(readSql('scope/macros'));
}

/** What identifies the data the derived tables are built from: the data's one fingerprint. */
export async function sourceVersion(c: DuckDBConnection): Promise<string> {
	const r = await c.runAndReadAll(readSql('data_version'));
	return (r.getRows()[0] ?? []).map((v) => String(v)).join('|');
}

async function build(c: DuckDBConnection): Promise<string> {
	await c.run('BEGIN TRANSACTION');
	try {
		// read inside the transaction: the tables below are built from exactly this version
		const version = await sourceVersion(c);
		const ms: Record<string, number> = {};
		for (const name of DERIVED_TABLES) {
			const sql = readSql(`derived/${name}`);
			if (!BUILD_SHAPE.test(stripComments(sql))) throw new Error(`derived/${name}.sql must be one CREATE OR REPLACE TABLE derived.<name> AS …`);
			const t = performance.now();
			await c.run(sql);
			ms[name] = Math.round(performance.now() - t);
		}
		await c.run(readSql('scope/row_macros'));
		await c.run('COMMIT');
		// a slow build is worth a line in the server's log (what a first answer after a start or load waited for)
		if (Object.values(ms).reduce((x, y) => x + y, 0) > 1000) console.log(`ledger: derived tables built (ms per table: ${JSON.stringify(ms)})`);
		return version;
	} catch (e) {
		await c.run('ROLLBACK').catch(() => {});
		throw e;
	}
}

/**
 * Makes the derived tables current for the data `c` sees, building them if the data changed since.
 * Resolves once they are; rejects if a build fails (the caller's query then reports it).
 */
export async function ensureDerived(instance: DuckDBInstance, c: DuckDBConnection): Promise<void> {
	let s = states.get(instance);
	if (!s) states.set(instance, (s = { built: null, pending: null }));
	for (let attempt = 0; attempt < 3; attempt++) {
		const current = await sourceVersion(c);
		if (s.built === current) return;
		if (!s.pending) {
			const state = s;
			state.pending = (async () => {
				const conn = await instance.connect();
				try {
					return await build(conn);
				} finally {
					conn.closeSync();
				}
			})()
				.then((v) => {
					state.built = v;
					return v;
				})
				.finally(() => {
					state.pending = null;
				});
		}
		// a load that commits during the build makes it stale at once: loop and build again
		if ((await s.pending) === current) return;
	}
}

/**
 * Whether a statement reads the derived tables: by name, or through a scope macro that reads them
 * (derived.scoped_*); a call of the other scope macros alone needs no build.
 */
const READS = new RegExp(`\\bderived\\.(${DERIVED_TABLES.join('|')}|scoped_[a-z_]+)\\b`, 'i');
export const readsDerived = (sql: string) => READS.test(stripComments(sql));
