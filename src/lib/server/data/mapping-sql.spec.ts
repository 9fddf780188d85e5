/**
 * The SQL of column mappings: every identifier and constant quoted (user text never spliced), and each
 * expression kind computing what it says when DuckDB runs it.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Condition, Expr, TableMapping } from '$lib/data/mapping';
import { conditionSql, exprSql, foldConflictsSql, foldedSql, keptSql, rowsSql, type SqlContext } from './mapping-sql';

const ctx: SqlContext = { familyOf: () => 'mdy', nullTokens: ['n/a', 'null'] };

let db: DuckDBInstance;
let c: DuckDBConnection;
beforeAll(async () => {
	db = await DuckDBInstance.create(':memory:');
	c = await db.connect();
	// a source table as mapping-sources.ts makes them: text cells and the line in the file
	await c.run(`CREATE TABLE src (
		"Order" VARCHAR, "Channel" VARCHAR, "Ordered" VARCHAR, "Days" VARCHAR, "Status" VARCHAR, "Qty" VARCHAR, "Cust" VARCHAR, "Name" VARCHAR, "it's ""odd""" VARCHAR,
		"__ledger_line" BIGINT)`);
	await c.run(`INSERT INTO src VALUES
		('A', 'Social media', '8/27/14', '3', 'Late delivery', '5', 'C1', 'Acme', 'x', 2),
		('A', ' email ', '8/28/14', '', 'Shipping on time', '2', 'C1', 'ACME Inc', 'y', 3),
		('B', 'Phone', '8/32/14', '1', 'late DELIVERY', '1,5', 'C2', 'Beta', 'z', 5),
		('B', 'Fax', '9/1/14', 'x', 'N/A', '4', NULL, 'Nobody', 'w', 6)`);
});
afterAll(() => {
	c.closeSync();
	db.closeSync();
});

async function eval1(e: Expr, orderId?: string): Promise<(string | null)[]> {
	const sql = `SELECT ${exprSql(e, ctx, orderId)} AS v FROM src m ORDER BY m."__ledger_line"`;
	return ((await c.runAndReadAll(sql)).getRowsJson() as (string | null)[][]).map((r) => r[0]);
}
const test = async (w: Condition) =>
	((await c.runAndReadAll(`SELECT ${conditionSql(w, ctx)} FROM src m ORDER BY m."__ledger_line"`)).getRowsJson() as boolean[][]).map((r) => r[0]);

describe('expressions', () => {
	it('quote identifiers and constants; nothing a user typed is spliced raw', () => {
		expect(exprSql({ kind: 'constant', value: "O'Brien" }, ctx)).toBe("'O''Brien'");
		expect(exprSql({ kind: 'column', source: { column: 'a"b' } }, ctx)).toBe('m."a""b"');
		expect(exprSql({ kind: 'column', source: { column: 'x', from: 'lookup' } }, ctx)).toBe('l."x"');
		const map = exprSql({ kind: 'map', source: { column: 'Channel' }, values: { "it's": "'); DROP TABLE src; --" } }, ctx);
		expect(map).toBe(`CASE lower(trim(m."Channel")) WHEN lower('it''s') THEN '''); DROP TABLE src; --' ELSE m."Channel" END`);
		expect(conditionSql({ source: { column: `it's "odd"` }, op: 'eq', value: "a'b" }, ctx)).toBe(`coalesce(lower(trim(m."it's ""odd""")) = lower('a''b'), false)`);
	});

	it('a value map maps trimmed values in any case; others stay as written or take the given value', async () => {
		const values = { 'Social media': 'other', Email: 'email', PHONE: 'phone' };
		expect(await eval1({ kind: 'map', source: { column: 'Channel' }, values })).toEqual(['other', 'email', 'phone', 'Fax']);
		expect(await eval1({ kind: 'map', source: { column: 'Channel' }, values, otherwise: 'other' })).toEqual(['other', 'email', 'phone', 'other']);
	});

	it('date + days reads the date with the ingest’s parser (8/27/14 is 2014), and passes a bad one on as written', async () => {
		expect(await eval1({ kind: 'addDays', source: { column: 'Ordered' }, days: { source: { column: 'Days' } } })).toEqual([
			'2014-08-30',
			null, // no days: no date
			'8/32/14 + 1 days', // not a date: the ingest rejects the row showing it
			'9/1/14 + x days'
		]);
		expect(await eval1({ kind: 'addDays', source: { column: 'Ordered' }, days: { value: '-7' } })).toEqual(['2014-08-20', '2014-08-21', '8/32/14 + -7 days', '2014-08-25']);
	});

	it('a condition gives a column or a constant when true, another when false', async () => {
		const late: Condition = { source: { column: 'Status' }, op: 'eq', value: 'late delivery' };
		expect(await eval1({ kind: 'if', when: late, then: { source: { column: 'Qty' } }, else: { value: '0' } })).toEqual(['5', '0', '1,5', '0']);
		expect(await eval1({ kind: 'if', when: late, then: { value: 'open' } })).toEqual(['open', null, 'open', null]);
	});

	it('conditions compare trimmed text in any case, read null tokens as empty, and numbers as numbers', async () => {
		expect(await test({ source: { column: 'Status' }, op: 'ne', value: 'Late delivery' })).toEqual([false, true, false, true]);
		expect(await test({ source: { column: 'Channel' }, op: 'in', values: ['email', 'Phone'] })).toEqual([false, true, true, false]);
		expect(await test({ source: { column: 'Status' }, op: 'contains', value: 'TIME' })).toEqual([false, true, false, false]);
		expect(await test({ source: { column: 'Status' }, op: 'empty' })).toEqual([false, false, false, true]);
		expect(await test({ source: { column: 'Cust' }, op: 'filled' })).toEqual([true, true, true, false]);
		expect(await test({ source: { column: 'Qty' }, op: 'gt', value: '3' })).toEqual([true, false, false, true]);
		expect(await test({ source: { column: 'Qty' }, op: 'lt', value: '3' })).toEqual([false, true, false, false]);
	});

	it('line numbers count each order’s rows in file order', async () => {
		expect(await eval1({ kind: 'lineNumber' }, 'm."Order"')).toEqual(['1', '2', '1', '2']);
	});

	it('a per-unit amount divides, with a declared decimal comma; no number or a zero divisor gives nothing', async () => {
		expect(await eval1({ kind: 'divide', numerator: { column: 'Qty' }, denominator: { column: 'Days' }, decimalComma: true })).toEqual(['1.666667', null, '1.5', null]);
	});
});

describe('tables', () => {
	const customers = (keys: TableMapping['keys']): TableMapping => ({
		table: 'customers',
		file: 'x.csv',
		keys,
		columns: { customer_id: { kind: 'column', source: { column: 'Cust' } }, name: { kind: 'column', source: { column: 'Name' } } }
	});

	async function folded(m: TableMapping) {
		await c.run(`CREATE OR REPLACE TABLE rows_t AS ${rowsSql(m, { main: 'src' }, ctx)}`);
		const sql = `SELECT * FROM (${foldedSql(m, keptSql('rows_t'), () => true)}) ORDER BY "__ledger_line"`;
		return (await c.runAndReadAll(sql)).getRowObjectsJson();
	}

	it('keep-first folds a repeated key into its first values and counts the conflict; an empty key is never folded', async () => {
		const m = customers('first');
		const rows = await folded(m);
		expect(rows.map((r) => [r.customer_id, r.name, Number(r.__ledger_line)])).toEqual([
			['C1', 'Acme', 2],
			['C2', 'Beta', 5],
			[null, 'Nobody', 6]
		]);
		const q = foldConflictsSql(m, keptSql('rows_t'));
		const [r] = (await c.runAndReadAll(q.sql)).getRowObjectsJson();
		expect(q.columns).toEqual(['name']);
		expect({ keys: Number(r.keys), folded: Number(r.folded), n0: Number(r.n0), eg0: r.eg0 }).toEqual({ keys: 1, folded: 1, n0: 1, eg0: 'C1: ACME Inc / Acme' });
	});

	it('sum adds up the quantities of a repeated key, reading a declared decimal comma, and passes a non-number on', async () => {
		const m: TableMapping = {
			table: 'inventory_snapshots',
			file: 'bins.csv',
			keys: 'sum',
			columns: {
				snapshot_date: { kind: 'constant', value: '2024-05-31' },
				sku: { kind: 'column', source: { column: 'Order' } },
				on_hand_qty: { kind: 'column', source: { column: 'Qty' }, decimalComma: true }
			}
		};
		const rows = await folded(m);
		expect(rows.map((r) => [r.sku, r.on_hand_qty])).toEqual([
			['A', '7.0'],
			['B', '5.5']
		]);
		await c.run(`UPDATE src SET "Qty" = 'lots' WHERE "__ledger_line" = 6`);
		expect((await folded(m)).map((r) => r.on_hand_qty)).toEqual(['7.0', 'lots']);
		await c.run(`UPDATE src SET "Qty" = '4' WHERE "__ledger_line" = 6`);
	});

	it('a row condition keeps only its rows', async () => {
		const m: TableMapping = { ...customers('reject'), where: { source: { column: 'Status' }, op: 'contains', value: 'late' } };
		expect((await folded(m)).map((r) => r.customer_id)).toEqual(['C1', 'C2']);
	});
});
