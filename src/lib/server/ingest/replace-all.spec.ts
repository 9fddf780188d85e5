/** DESIGN §2.1: a load can replace everything — the tables it has no file for are emptied, in the same transaction. */
import { describe, expect, it } from 'vitest';
import { ingestFolder } from './index';
import { counts, dataVersion, folderWith, GOOD, GOOD_COUNTS, memoryDb, rows } from './test-helpers';

describe('a replace-all load', () => {
	it('empties the tables it has no file for, with their rejects, and says so', async () => {
		const db = await memoryDb();
		const bad = GOOD['products.csv'] + 'S9,Broken,,,-1,\n';
		expect((await ingestFolder(db, folderWith({ ...GOOD, 'products.csv': bad }))).ok).toBe(true);
		expect(await counts(db)).toEqual(GOOD_COUNTS);
		const before = await dataVersion(db);

		const r = await ingestFolder(db, folderWith({ 'customers.csv': GOOD['customers.csv'] }), { replaceAll: true });
		expect(r.ok).toBe(true);
		expect(r.untouched).toEqual([]);
		expect(r.emptied).toEqual(['products', 'order_lines', 'inventory_snapshots', 'contacts', 'opportunities', 'shipments']);
		expect(await counts(db)).toEqual({ ...Object.fromEntries(Object.keys(GOOD_COUNTS).map((t) => [t, 0])), customers: 3 });
		expect(await dataVersion(db)).toBe(before + 1);
		expect(await rows(db, `SELECT count(*)::INTEGER AS n FROM load_rejects WHERE table_name = 'products'`)).toEqual([{ n: 0 }]);
		expect(await rows(db, `SELECT table_name, file, format, rows_read::INTEGER AS n FROM loads WHERE load_id = ${r.load_id} ORDER BY table_name`)).toEqual([
			{ table_name: 'contacts', file: '', format: 'emptied', n: 0 },
			{ table_name: 'customers', file: 'customers.csv', format: 'csv', n: 3 },
			{ table_name: 'inventory_snapshots', file: '', format: 'emptied', n: 0 },
			{ table_name: 'opportunities', file: '', format: 'emptied', n: 0 },
			{ table_name: 'order_lines', file: '', format: 'emptied', n: 0 },
			{ table_name: 'products', file: '', format: 'emptied', n: 0 },
			{ table_name: 'shipments', file: '', format: 'emptied', n: 0 }
		]);
		db.closeSync();
	});

	it('a refused replace-all load empties nothing', async () => {
		const db = await memoryDb();
		await ingestFolder(db, folderWith(GOOD));
		const r = await ingestFolder(db, folderWith({ 'customers.csv': GOOD['customers.csv'], 'products.csv': '' }), { replaceAll: true });
		expect(r.ok).toBe(false);
		expect(r.emptied).toEqual([]);
		expect(await counts(db)).toEqual(GOOD_COUNTS);
		db.closeSync();
	});
});
