import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, runQuery, runSql, sqlParams, bindFor } from './index';

beforeAll(() => {
	process.env.LEDGER_DB = ':memory:';
});
afterAll(() => closeInstance());

describe('query runner', () => {
	it('creates the canonical tables on open and answers a named query', async () => {
		const r = await runQuery<{ table_name: string; row_count: string }>('table_counts');
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.rows.map((x) => [x.table_name, x.row_count])).toEqual([
			['customers', '0'],
			['products', '0'],
			['order_lines', '0'],
			['inventory_snapshots', '0'],
			['contacts', '0'],
			['opportunities', '0']
		]);
	});

	it('binds parameters instead of splicing them', async () => {
		const hostile = "x'); DROP TABLE customers; --";
		const r = await runSql<{ v: string; n: string }>('t', 'SELECT $v AS v, (SELECT count(*) FROM customers) AS n', {
			v: hostile
		});
		expect(r).toMatchObject({ ok: true, rows: [{ v: hostile, n: '0' }] });
	});

	it('returns a typed error, never throws, for unknown or malformed names', async () => {
		const a = await runQuery('no_such_query');
		expect(a).toMatchObject({ ok: false, error: { kind: 'unknown_query' } });
		const b = await runQuery('../package');
		expect(b).toMatchObject({ ok: false, error: { kind: 'unknown_query', message: 'invalid query name: ../package' } });
		const c = await runSql('bad', 'SELECT * FROM nowhere');
		expect(c).toMatchObject({ ok: false, error: { kind: 'database', query: 'bad' } });
	});

	it('refuses a query file that writes', async () => {
		const r = await runQuery('system_tables');
		expect(r).toMatchObject({ ok: false, error: { message: 'system_tables is not a read-only query' } });
	});

	it('finds the parameters a statement uses, ignoring comments and strings', () => {
		expect(sqlParams("-- $nope\nSELECT $a, '$b', $a, $c_2")).toEqual(['a', 'c_2']);
		expect(bindFor('SELECT $a', { a: 1, b: 2 })).toEqual({ a: 1 });
	});
});

describe('closing and reopening', () => {
	it('serves queries again after a close, beyond the pool size', async () => {
		await Promise.all(Array.from({ length: 6 }, () => runQuery('table_counts')));
		await closeInstance();
		const again = await Promise.all(Array.from({ length: 6 }, () => runQuery('table_counts')));
		expect(again.every((r) => r.ok)).toBe(true);
	});
});
