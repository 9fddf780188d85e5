/**
 * The derived tables live in the database file with the fingerprint they were built from: a restart finds
 * them built and reads them as they are (no rebuild: a first answer at 10M lines no longer waits 5–8 s),
 * and a change of the data rebuilds them on the next query that reads them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, runSql, withConnection } from './index';
import { DRIVERS_FIXTURE_SQL } from '../drivers/fixture';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-derived-'));
	process.env.LEDGER_DB = path.join(dir, 'ledger.duckdb');
});
afterAll(async () => {
	await closeInstance();
	rmSync(dir, { recursive: true, force: true });
});

const texts = async () => {
	const r = await runSql<{ n: number; sentinel: number }>('t', `SELECT count(*)::DOUBLE AS n, count(*) FILTER (WHERE reason = 'sentinel')::DOUBLE AS sentinel FROM derived.contact_texts`);
	if (!r.ok) throw new Error(r.error.message);
	return r.rows[0];
};
const built = async () => (await withConnection((c) => c.runAndReadAll('SELECT version FROM derived.build_info'))).getRows()[0]?.[0];

describe('derived tables kept in the database file', () => {
	it('are built on first use, found built after a restart, and rebuilt when the data change', async () => {
		await withConnection((c) => c.run(DRIVERS_FIXTURE_SQL));
		const first = await texts();
		expect(first.n).toBeGreaterThan(0);
		const version = await built();
		expect(typeof version).toBe('string');
		// a row no build would write: it survives only if nothing rebuilds the table
		await withConnection((c) => c.run(`INSERT INTO derived.contact_texts VALUES (999999, 'sentinel', NULL)`));

		await closeInstance();
		expect(await texts()).toEqual({ n: first.n + 1, sentinel: 1 });
		expect(await built()).toBe(version);

		await withConnection((c) => c.run(`INSERT INTO customers (customer_id, name) VALUES ('C-NEW', 'New customer')`));
		expect(await texts()).toEqual({ n: first.n, sentinel: 0 });
		expect(await built()).not.toBe(version);
	});

	it('are rebuilt when their definitions differ from those they were built by (tables an older app left)', async () => {
		const now = await built();
		await withConnection((c) => c.run(`INSERT INTO derived.contact_texts VALUES (999999, 'sentinel', NULL)`));
		// what a build by other definitions leaves: the same data fingerprint, another definitions hash
		await withConnection((c) => c.run(`UPDATE derived.build_info SET version = regexp_replace(version, '[^|]+$', 'older')`));
		await closeInstance();
		expect((await texts()).sentinel).toBe(0);
		expect(await built()).toBe(now);
	});
});
