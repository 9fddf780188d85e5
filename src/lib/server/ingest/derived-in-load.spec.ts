/**
 * A load builds the derived tables inside its own transaction (db/derived.ts commitWithDerived): after it
 * commits, the tables are current and no reader rebuilds them; if they cannot be built there, the load
 * still goes in without them and the first reader builds them.
 */
import { describe, expect, it, vi } from 'vitest';
import type { DuckDBInstance } from '@duckdb/node-api';
import * as derived from '../db/derived';
import { ingestFolder } from './index';
import { counts, folderWith, GOOD, GOOD_COUNTS, memoryDb, rows } from './test-helpers';

vi.mock('../db/derived', async (original) => {
	const m = await original<typeof import('../db/derived')>();
	return { ...m, commitWithDerived: vi.fn(m.commitWithDerived) };
});

/** The version derived.build_info records; null when no build has run. */
const builtVersion = async (db: DuckDBInstance) => {
	const made = await rows(db, `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE schema_name = 'derived' AND table_name = 'build_info'`);
	return made[0].n ? (await rows(db, 'SELECT version FROM derived.build_info'))[0]?.version : null;
};
const current = async (db: DuckDBInstance) => {
	const c = await db.connect();
	try {
		return await derived.sourceVersion(c);
	} finally {
		c.closeSync();
	}
};
/** A row no build writes: it survives only if nothing rebuilds the table. */
const plantSentinel = (db: DuckDBInstance) => rows(db, `INSERT INTO derived.contact_texts VALUES (999999, 'sentinel', NULL)`);
const sentinels = async (db: DuckDBInstance) => Number((await rows(db, `SELECT count(*) AS n FROM derived.contact_texts WHERE reason = 'sentinel'`))[0].n);
const ensure = async (db: DuckDBInstance) => {
	const c = await db.connect();
	try {
		await derived.ensureDerived(db, c);
	} finally {
		c.closeSync();
	}
};

describe('the derived tables and a load', () => {
	it('are current when the load commits: the first reader finds them built', async () => {
		const db = await memoryDb();
		const r = await ingestFolder(db, folderWith(GOOD));
		expect(r.ok).toBe(true);
		expect(r.derived_ms).toBeGreaterThan(0);
		expect(await builtVersion(db)).toBe(await current(db));
		expect(Number((await rows(db, 'SELECT count(*) AS n FROM derived.bo_lines'))[0].n)).toBeGreaterThan(0);
		await plantSentinel(db);
		await ensure(db);
		expect(await sentinels(db)).toBe(1);

		// a second load replaces them in its transaction, again with nothing left for a reader to build
		const again = await ingestFolder(db, folderWith({ 'customers.csv': GOOD['customers.csv'] }));
		expect(again.ok).toBe(true);
		expect(await sentinels(db)).toBe(0);
		expect(await builtVersion(db)).toBe(await current(db));
		db.closeSync();
	});

	it('that cannot be built inside the load leave the load whole, and the first reader builds them', async () => {
		const db = await memoryDb();
		vi.mocked(derived.commitWithDerived).mockImplementationOnce(async (_instance, c) => {
			// a failing statement aborts the load's transaction, as a failed build would
			await c.run('SELECT * FROM no_such_table').catch((e: Error) => {
				throw new derived.DerivedBuildError(e.message);
			});
			return 0;
		});
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const r = await ingestFolder(db, folderWith(GOOD));
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('loading without them'));
		warn.mockRestore();
		expect(r.ok).toBe(true);
		expect(r.derived_ms).toBeNull();
		expect(await counts(db)).toEqual(GOOD_COUNTS);
		expect(await builtVersion(db)).toBeNull();
		await ensure(db);
		expect(await builtVersion(db)).toBe(await current(db));
		db.closeSync();
	});

	it('are left out when the caller asks (the benchmark times the load alone)', async () => {
		const db = await memoryDb();
		const r = await ingestFolder(db, folderWith(GOOD), { buildDerived: false });
		expect(r.ok).toBe(true);
		expect(r.derived_ms).toBeNull();
		expect(await builtVersion(db)).toBeNull();
		db.closeSync();
	});
});
