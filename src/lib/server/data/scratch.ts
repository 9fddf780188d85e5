/**
 * Throwaway in-memory databases for the column mapping (reading exports, building canonical files,
 * loading a preview), with the scratch memory limit and their own spill folder, one at a time in this
 * process: parallel inspects, builds or previews queue instead of each taking memory (issue 19, item 3).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { instanceOptions } from '../db/config';
import { openInstance } from '../db/instance';

let queue: Promise<unknown> = Promise.resolve();

function queued<T>(fn: () => Promise<T>): Promise<T> {
	const run = queue.then(fn);
	queue = run.catch(() => {});
	return run;
}

/** A connection to an empty database. */
export function scratch<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
	return queued(async () => {
		const inst = await DuckDBInstance.create(':memory:', instanceOptions(':memory:', 'scratch'));
		const c = await inst.connect();
		try {
			return await fn(c);
		} finally {
			c.closeSync();
			inst.closeSync();
		}
	});
}

/** A database with the ledger's schema (for loading a preview through the ingest). */
export function scratchLedger<T>(fn: (db: DuckDBInstance) => Promise<T>): Promise<T> {
	return queued(async () => {
		const db = await openInstance(':memory:', 'scratch');
		try {
			return await fn(db);
		} finally {
			db.closeSync();
		}
	});
}
