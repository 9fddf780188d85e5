import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { instanceOptions, type InstanceKind } from './config';
import { ensureSchema } from './ddl';
import { attachDerived } from './derived';

/** Where the database lives: LEDGER_DB, else data/ledger.duckdb under the working directory. */
export function dbPath(): string {
	const p = process.env.LEDGER_DB?.trim() || 'data/ledger.duckdb';
	return p === ':memory:' ? p : path.resolve(p);
}

/** Thrown when another process holds the DuckDB file (DuckDB allows one writer process). */
export class DatabaseLockedError extends Error {
	constructor(
		readonly file: string,
		readonly pid: number | null
	) {
		super(
			`The database ${file} is in use by another process${pid ? ` (PID ${pid})` : ''}, probably a running ` +
				`Backorder Ledger server. Stop it first, or load the files through the browser at /data, ` +
				`or point LEDGER_DB at another file.`
		);
		this.name = 'DatabaseLockedError';
	}
}

export async function openInstance(file = dbPath(), kind: InstanceKind = 'main'): Promise<DuckDBInstance> {
	if (file !== ':memory:') {
		// everything the process writes from here — the database, its write-ahead log and spill files,
		// uploads, a regenerated sample — is its user's alone (DuckDB creates files with the umask)
		process.umask(0o077);
		mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	}
	try {
		const instance = await DuckDBInstance.create(file, instanceOptions(file, kind));
		if (file !== ':memory:') closeToOthers(file);
		const c = await instance.connect();
		try {
			await ensureSchema(c);
			await attachDerived(c);
		} finally {
			c.closeSync();
		}
		return instance;
	} catch (e) {
		const msg = e instanceof Error ? e.message : String(e);
		if (/Could not set lock|Conflicting lock/i.test(msg)) {
			const pid = /PID (\d+)/.exec(msg);
			throw new DatabaseLockedError(file, pid ? Number(pid[1]) : null);
		}
		throw e;
	}
}

/**
 * The database holds customers, prices and margins: readable by the server's user only (DuckDB creates
 * it with the process umask, usually world-readable). Files of another user are left as they are.
 */
function closeToOthers(file: string): void {
	for (const f of [file, `${file}.wal`]) {
		try {
			const st = statSync(f);
			if (st.uid === process.getuid?.() && (st.mode & 0o077) !== 0) chmodSync(f, st.mode & 0o700);
		} catch {
			// no write-ahead log yet
		}
	}
}

/** One DuckDB instance per process: a file may be held by one process only. */
let shared: Promise<DuckDBInstance> | null = null;
export function getInstance(): Promise<DuckDBInstance> {
	if (!shared) {
		shared = openInstance().catch((e) => {
			shared = null; // let a later request retry, e.g. once the lock holder has gone
			throw e;
		});
	}
	return shared;
}

/** Work that must reach the file before it closes (kept answers being written), registered by its owner. */
const pendingWork: (() => Promise<void>)[] = [];
export function finishBeforeClose(pending: () => Promise<void>): void {
	pendingWork.push(pending);
}

/** For tests, the start script and a graceful stop: close the shared instance so the file lock is released,
 * after the registered pending work. Call it when no query is in flight. */
export async function closeInstance(): Promise<void> {
	if (!shared) return;
	// a write still queued would otherwise reopen the file after it closed (or after its folder is removed)
	await Promise.all(pendingWork.map((p) => p().catch(() => {})));
	if (!shared) return;
	const inst = await shared.catch(() => null);
	shared = null;
	for (const c of pool) c.closeSync();
	pool.length = 0;
	// a reopened instance starts its own pool: the old connections are gone with the old instance
	open = 0;
	inst?.closeSync();
}

/**
 * A small pool of connections: DuckDB runs one query at a time per connection, and parallelises
 * within a query, so a few connections serve concurrent requests on two cores.
 */
const POOL_MAX = 4;
const pool: DuckDBConnection[] = [];
let open = 0;
const waiting: ((c: DuckDBConnection) => void)[] = [];

export async function withConnection<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
	const inst = await getInstance();
	let conn = pool.pop();
	if (!conn) {
		if (open < POOL_MAX) {
			open++;
			conn = await inst.connect();
		} else {
			conn = await new Promise<DuckDBConnection>((resolve) => waiting.push(resolve));
		}
	}
	try {
		return await fn(conn);
	} finally {
		const next = waiting.shift();
		if (next) next(conn);
		else pool.push(conn);
	}
}
