/** The data page's overview and the rejects download, on an in-memory database with a small flawed load. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, getInstance } from '../db';
import { ingestFolder } from '../ingest';
import { folderWith, GOOD } from '../ingest/test-helpers';
import { DEFAULT_KEYWORDS } from '$lib/metrics/keywords';
import { dataOverview } from './overview';
import * as rejectsRoute from '../../../routes/api/data/rejects/+server';

beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	const db = await getInstance();
	const r = await ingestFolder(db, folderWithFlaws());
	expect(r.load_id).not.toBeNull();
});
afterAll(() => closeInstance());

function folderWithFlaws() {
	return folderWith({
		...GOOD,
		// a line for an unknown SKU and customer, and a line whose qty is a formula-looking text
		'order_lines.csv': GOOD['order_lines.csv'] + 'O3,1,C9,S9,2024-03-01,,,2,5,,,\nO4,1,C1,S1,2024-03-02,,,=1+1,5,,,\n',
		// a contact for an unknown customer
		'contacts.csv': GOOD['contacts.csv'] + 'K3,C7,2024-02-03 11:00:00,service,email,Invoice question,stock-out again,,,,\n'
	});
}

describe('dataOverview', () => {
	it('lists tables with counts, date ranges and their latest load', async () => {
		const o = await dataOverview(DEFAULT_KEYWORDS);
		const lines = o.tables.find((t) => t.table === 'order_lines')!;
		expect(lines).toMatchObject({ rows: 4, date_column: 'order_date', first_date: '2024-01-02', last_date: '2024-03-01', file: 'order_lines.csv', rows_rejected: 1 });
		expect(o.tables.find((t) => t.table === 'contacts')).toMatchObject({ rows: 3, first_date: '2024-01-03', last_date: '2024-02-03' });
		expect(o.tables.find((t) => t.table === 'customers')).toMatchObject({ rows: 3, first_date: null });
		expect(o.rejects).toEqual([expect.objectContaining({ table_name: 'order_lines', column_name: 'qty', rejects: 1, first_line: 6, example_value: '=1+1' })]);
	});

	it('warns about contacts for unknown customers and lines for unknown SKUs', async () => {
		const o = await dataOverview(DEFAULT_KEYWORDS);
		const refs = o.references.map((w) => [w.table, w.column, w.rows, w.examples]);
		expect(refs).toEqual(
			expect.arrayContaining([
				['order_lines', 'customer_id', 1, ['C9']],
				['order_lines', 'sku', 1, ['S9']],
				['contacts', 'customer_id', 1, ['C7']]
			])
		);
	});

	it('shares classified by reason value: reason or note matches', async () => {
		const o = await dataOverview(DEFAULT_KEYWORDS);
		const c = o.shares.filter((s) => s.source === 'contacts').map((s) => [s.value, s.rows, s.matched, s.reason_matches]);
		expect(c).toEqual(
			expect.arrayContaining([
				['Backorder', 1, 1, true],
				['ETA', 1, 1, true],
				['Invoice question', 1, 1, false] // by its note ("stock-out")
			])
		);
		const opp = o.shares.filter((s) => s.source === 'opportunities').map((s) => [s.value, s.rows, s.matched]);
		expect(opp).toEqual(expect.arrayContaining([[null, 1, 0], ['availability', 1, 1]]));
		const none = await dataOverview(['zzz']);
		expect(none.shares.every((s) => s.matched === 0)).toBe(true);
	});
});

describe('dataOverview with data that does not fit together', () => {
	it('flags a table whose dates do not overlap the orders’, and still shows the rest when a part cannot be read', async () => {
		const db = await getInstance();
		const c = await db.connect();
		try {
			await c.run(`INSERT INTO shipments VALUES ('O1', 1, DATE '2020-01-01', 1, NULL)`);
			const o = await dataOverview(DEFAULT_KEYWORDS);
			expect(o.tables.find((t) => t.table === 'shipments')).toMatchObject({ rows: 1, first_date: '2020-01-01' });
			expect(o.overlap).toEqual([
				'shipments (2020-01-01 – 2020-01-01) ends before the orders begin (order_lines 2024-01-02 – 2024-03-01): no shipment falls in the orders’ period, so no backorder can be derived from them.'
			]);
			await c.run(`ALTER TABLE loads RENAME TO loads_away`);
			const broken = await dataOverview(DEFAULT_KEYWORDS);
			expect(broken.errors).toEqual([
				'The loads could not be read: data/loads_recent: Catalog Error: Table with name loads does not exist!',
				'The rejects could not be read: data/rejects_by_rule: Catalog Error: Table with name loads does not exist!'
			]);
			expect(broken.tables.find((t) => t.table === 'order_lines')).toMatchObject({ rows: 4, file: null });
		} finally {
			await c.run(`ALTER TABLE loads_away RENAME TO loads`).catch(() => {});
			await c.run(`DELETE FROM shipments`);
			c.closeSync();
		}
	});
});

describe('GET /api/data/rejects', () => {
	const call = async (q: string) => {
		const url = new URL(`http://x/api/data/rejects${q}`);
		return rejectsRoute.GET({ url, request: new Request(url) } as never);
	};
	it('downloads the rejected rows as CSV with formulas neutralised', async () => {
		const res = await call('?table=order_lines');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toContain('rejects-order_lines.csv');
		const text = await res.text();
		const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
		expect(lines[0]).toBe('table,file,line,column,value,rule');
		expect(lines[1]).toMatch(/^order_lines,order_lines\.csv,6,qty,'=1\+1,/);
		expect(lines).toHaveLength(2);
		expect((await (await call('')).text()).trim().split('\r\n')).toHaveLength(2);
		expect((await call('?table=contacts')).status).toBe(200);
		expect((await call('?table=nope')).status).toBe(400);
	});
});
