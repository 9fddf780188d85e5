/**
 * Derived tables: small pre-aggregations of the loaded data that the ledger queries read instead of
 * scanning 10M order lines for every new filter set (issue 9). They live in the database's `derived`
 * schema, with the fingerprint of the data they were built from (derived.build_info), so a restart finds
 * them built (issue 15: at 10M lines a build takes 5–8 s, which every first answer after a start waited
 * for while they lived in memory) and a load never has to wait for them.
 *
 * A load builds them inside its own transaction (commitWithDerived); otherwise (a file from an earlier
 * version of the app, a load that could not build them) they are rebuilt on first use after the data
 * change, keyed by the data's one fingerprint (load counter and row counts); concurrent users of a stale
 * set wait for one rebuild. Queries that read them
 * say so by naming `derived.` in their SQL (see runQuery).
 */
import { createHash } from 'node:crypto';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { readSql } from './sql-files';

/** In build order: a file may read the derived tables listed before it. */
export const DERIVED_TABLES = ['line_months', 'bo_lines', 'order_shares', 'contact_texts', 'contacts', 'customer_months', 'inventory_groups', 'incident_lines', 'product_lines'] as const;

const BUILD_SHAPE = /^\s*create\s+or\s+replace\s+table\s+derived\.[a-z_]+\s+as\b/i;
const stripComments = (s: string) => s.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');

interface State {
	/** the version the tables were built from, once built */
	built: string | null;
	/** the build in progress, if any */
	pending: Promise<string> | null;
}
const states = new WeakMap<DuckDBInstance, Promise<State>>();

/**
 * Called once per instance when it is opened: the schema, and in it the scope macros
 * (queries/scope/macros.sql: the filters and the §3 classification every query calls) and the table of
 * kept answers (src/lib/server/answer-store.ts).
 */
export async function attachDerived(c: DuckDBConnection): Promise<void> {
	await c.run('CREATE SCHEMA IF NOT EXISTS derived');
	await c.run(readSql('scope/macros'));
	await c.run(readSql('answers/table'));
}

/** The fingerprint the tables in the file were built from, if a build finished (null: none yet). */
async function storedVersion(c: DuckDBConnection): Promise<string | null> {
	try {
		const r = await c.runAndReadAll('SELECT version FROM derived.build_info');
		const v = r.getRows()[0]?.[0];
		return v == null ? null : String(v);
	} catch {
		return null; // a database from before the tables were kept in the file
	}
}

/**
 * What the derived tables are built from: the data's one fingerprint, and the text of their definitions
 * (a hash), so tables a previous version of the app left in the file are rebuilt, never read as current.
 */
export async function sourceVersion(c: DuckDBConnection): Promise<string> {
	const r = await c.runAndReadAll(readSql('data_version'));
	return [...(r.getRows()[0] ?? []).map((v) => String(v)), definitions()].join('|');
}

let definitionsHash: string | null = null;
function definitions(): string {
	definitionsHash ??= createHash('sha256')
		.update([...DERIVED_TABLES.map((n) => readSql(`derived/${n}`)), readSql('scope/row_macros')].join('\n'))
		.digest('hex')
		.slice(0, 16);
	return definitionsHash;
}

/** The tables' statements on `c`, inside the caller's transaction: the version they are built from and ms per table. */
async function buildTables(c: DuckDBConnection): Promise<{ version: string; ms: Record<string, number> }> {
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
	await c.run('CREATE OR REPLACE TABLE derived.build_info AS SELECT $version::VARCHAR AS version', { version });
	return { version, ms };
}

function logBuild(ms: Record<string, number>, where: string): void {
	// a slow build is worth a line in the server's log (what a first answer after a start or load waited for)
	if (Object.values(ms).reduce((x, y) => x + y, 0) > 1000) console.log(`ledger: derived tables built${where} (ms per table: ${JSON.stringify(ms)})`);
}

async function build(c: DuckDBConnection): Promise<string> {
	await c.run('BEGIN TRANSACTION');
	try {
		const { version, ms } = await buildTables(c);
		await c.run('COMMIT');
		logBuild(ms, '');
		return version;
	} catch (e) {
		await c.run('ROLLBACK').catch(() => {});
		throw e;
	}
}

const stateOf = (instance: DuckDBInstance, c: DuckDBConnection): Promise<State> => {
	let init = states.get(instance);
	// one reading of what the file holds per instance, however many requests arrive at once
	if (!init) states.set(instance, (init = storedVersion(c).then((built): State => ({ built, pending: null }))));
	return init;
};

/** The derived tables could not be built inside a load's transaction (which is then rolled back). */
export class DerivedBuildError extends Error {}

/**
 * A load's commit (ingest/swap.ts), with the derived tables built first inside the load's open
 * transaction on `c`: readers see the old data with its tables until the COMMIT and the new data with
 * its tables after it. Built after the commit instead, every request that read them waited for the
 * rebuild — measured at 10M lines, answers of up to 19.7 s during a load through /data (16 s of build).
 * Requests that see the new data before this process has recorded the build wait for the commit.
 * Resolves with the build's ms; throws DerivedBuildError if the build or the commit failed (the
 * caller rolls back and may load again without it).
 */
export async function commitWithDerived(instance: DuckDBInstance, c: DuckDBConnection): Promise<number> {
	const t0 = performance.now();
	let s: State;
	let built: { version: string; ms: Record<string, number> };
	try {
		s = await stateOf(instance, c); // before the build: the file's tables as every reader sees them
		// a build of the old data still running would conflict with this one at commit
		if (s.pending) await s.pending.catch(() => {});
		built = await buildTables(c);
	} catch (e) {
		throw new DerivedBuildError(e instanceof Error ? e.message : String(e));
	}
	const state = s;
	let done!: (v: string) => void;
	const pending = new Promise<string>((resolve) => (done = resolve));
	state.pending = pending;
	try {
		await c.run('COMMIT');
		state.built = built.version;
	} catch (e) {
		throw new DerivedBuildError(e instanceof Error ? e.message : String(e));
	} finally {
		if (state.pending === pending) state.pending = null;
		done(state.built ?? '');
	}
	logBuild(built.ms, ' inside the load');
	return performance.now() - t0;
}

/**
 * Makes the derived tables current for the data `c` sees, building them if the data changed since.
 * Resolves once they are; rejects if a build fails (the caller's query then reports it).
 */
export async function ensureDerived(instance: DuckDBInstance, c: DuckDBConnection): Promise<void> {
	const s = await stateOf(instance, c);
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
 * Builds the derived tables now if the data changed since they were built (after a load: the CLI, the
 * /data page's load and the benchmark call it, so the next start or first answer finds them built).
 * Resolves with the milliseconds it took.
 */
export async function prepareDerived(instance: DuckDBInstance): Promise<number> {
	const t = performance.now();
	const c = await instance.connect();
	try {
		await ensureDerived(instance, c);
	} finally {
		c.closeSync();
	}
	return performance.now() - t;
}

/**
 * Whether a statement reads the derived tables: by name, or through a scope macro that reads them
 * (derived.scoped_*); a call of the other scope macros alone needs no build.
 */
const READS = new RegExp(`\\bderived\\.(${DERIVED_TABLES.join('|')}|scoped_[a-z_]+)\\b`, 'i');
export const readsDerived = (sql: string) => READS.test(stripComments(sql));
