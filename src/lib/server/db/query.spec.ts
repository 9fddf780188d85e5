import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, runQuery, runSql, sqlParams, bindFor } from './index';
import { getInstance, withConnection } from './instance';

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

	it('reads a result of many chunks (converted chunk by chunk) as the DuckDB reader does, value for value', async () => {
		await getInstance();
		const sql = `SELECT i::BIGINT AS n, (i / 7)::DECIMAL(12, 2) AS d, DATE '2026-01-01' + (i % 400)::INT AS day,
			CASE WHEN i % 3 = 0 THEN NULL ELSE 'c' || i END AS s, [i, i + 1] AS l, i % 2 = 0 AS b, (i * 0.5)::DOUBLE AS x, i AS n
			FROM range(100000) t(i) ORDER BY i`;
		const expected = await withConnection(async (c) => (await c.runAndReadAll(sql)).getRowObjectsJson());
		const r = await runSql<Record<string, unknown>>('many', sql);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.rows.length).toBe(100000);
		expect(r.rows).toEqual(expected);
		expect(r.rows[7]).toEqual({ n: '7', d: '1.00', day: '2026-01-08', s: 'c7', l: ['7', '8'], b: false, x: 3.5, 'n:1': '7' });
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
