/**
 * DESIGN §2.1: backorders derived from shipments, or inferred from dates, when the order lines do not
 * record them — by hand-computed cases for each rule, and on the sample written both ways (the same seed
 * as recorded lines, and as an ERP's order lines + delivery lines): the derived figures equal the
 * recorded ones under the grace rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { generateSample } from '../sample/generate';
import { deriveBackorders } from './derive';
import { ingestFolder } from './index';
import { folderWith, memoryDb, rows } from './test-helpers';

const OL = 'order_id,line_no,customer_id,sku,order_date,promised_date,ship_date,qty,unit_price,line_status\n';
const SH = 'order_id,line_no,ship_date,qty_shipped\n';

async function lines(db: DuckDBInstance) {
	return rows(
		db,
		`SELECT order_id || '/' || line_no AS line, qty_backordered AS bo, backorder_filled_date::VARCHAR AS filled, qty_cancelled AS cancelled, bo_source AS source
		 FROM order_lines ORDER BY order_id, line_no`
	);
}

describe('from shipments (grace 2 days, open after 180 days)', () => {
	it('each rule on a hand-computed line', async () => {
		const db = await memoryDb();
		const r = await ingestFolder(
			db,
			folderWith({
				'order_lines.csv':
					OL +
					[
						'A,1,C1,S1,2024-01-02,,,10,5,', // shipped in full on day 1: no backorder
						'A,2,C1,S1,2024-01-02,,,10,5,', // 6 on day 2, 4 on day 20: 4 backordered, filled on day 20
						'A,3,C1,S1,2024-01-02,,,10,5,closed', // 6 on day 0, nothing after, closed: 4 backordered, 4 cancelled
						'A,4,C1,S1,2024-06-20,,,10,5,open', // 3 on day 1, open: 7 backordered and open
						'A,5,C1,S1,2024-01-02,,,10,5,', // nothing ever shipped, no status, older than 180 days: all cancelled
						'A,6,C1,S1,2024-01-02,,,10,5,', // 4 + 4 after the grace, 2 never, old: 6 backordered, 2 cancelled, filled when 8 arrived
						'A,7,C1,S1,2024-07-30,,,10,5,' // ordered a day before the data's last date: too young to judge
					].join('\n') +
					'\n',
				'shipments.csv':
					SH +
					['A,1,2024-01-03,10', 'A,2,2024-01-04,6', 'A,2,2024-01-22,4', 'A,3,2024-01-02,6', 'A,4,2024-06-21,3', 'A,6,2024-02-01,4', 'A,6,2024-02-10,4', 'A,7,2024-07-31,1'].join('\n') +
					'\n'
			})
		);
		expect(r.refused).toEqual([]);
		expect(await lines(db)).toEqual([
			{ line: 'A/1', bo: 0, filled: null, cancelled: 0, source: 'shipments' },
			{ line: 'A/2', bo: 4, filled: '2024-01-22', cancelled: 0, source: 'shipments' },
			{ line: 'A/3', bo: 4, filled: null, cancelled: 4, source: 'shipments' },
			{ line: 'A/4', bo: 7, filled: null, cancelled: 0, source: 'shipments' },
			{ line: 'A/5', bo: 10, filled: null, cancelled: 10, source: 'shipments' },
			{ line: 'A/6', bo: 10, filled: '2024-02-10', cancelled: 2, source: 'shipments' },
			{ line: 'A/7', bo: 0, filled: null, cancelled: 0, source: 'shipments' }
		]);
		// the first shipment stands for the ship date the file did not give
		expect(await rows(db, `SELECT ship_date::VARCHAR AS d FROM order_lines WHERE order_id = 'A' AND line_no = 2`)).toEqual([{ d: '2024-01-04' }]);

		// the rules are assumptions: a 30-day grace makes line 2 on time (day 20)
		const c = await db.connect();
		await c.run('BEGIN');
		await deriveBackorders(c, { ship_grace_days: 30, open_after_days: 180 });
		await c.run('COMMIT');
		c.closeSync();
		expect((await lines(db))[1]).toEqual({ line: 'A/2', bo: 0, filled: null, cancelled: 0, source: 'shipments' });
		db.closeSync();
	});

	it('a recorded value always wins; a load of shipments alone re-derives the lines already loaded', async () => {
		const db = await memoryDb();
		await ingestFolder(
			db,
			folderWith({
				'order_lines.csv':
					'order_id,line_no,customer_id,sku,order_date,qty,unit_price,qty_backordered\nR,1,C1,S1,2024-01-02,10,5,3\n' // recorded
			})
		);
		await ingestFolder(db, folderWith({ 'order_lines.csv': OL + 'B,1,C1,S1,2024-01-02,,,10,5,\nB,2,C1,S1,2024-01-02,,,5,5,\n' }));
		// no shipments, no dates: no source, nothing backordered
		expect(await lines(db)).toEqual([
			{ line: 'B/1', bo: 0, filled: null, cancelled: 0, source: null },
			{ line: 'B/2', bo: 0, filled: null, cancelled: 0, source: null }
		]);
		await ingestFolder(db, folderWith({ 'shipments.csv': SH + 'B,1,2024-01-02,4\nB,1,2024-01-09,6\nB,2,2024-01-03,5\n' }));
		expect(await lines(db)).toEqual([
			{ line: 'B/1', bo: 6, filled: '2024-01-09', cancelled: 0, source: 'shipments' },
			{ line: 'B/2', bo: 0, filled: null, cancelled: 0, source: 'shipments' }
		]);
		db.closeSync();
	});
});

describe('inferred from dates, without shipments', () => {
	it('a line shipped past its promise + grace is late in full; unshipped and past it, open; on time, none', async () => {
		const db = await memoryDb();
		await ingestFolder(
			db,
			folderWith({
				'order_lines.csv':
					OL +
					[
						'D,1,C1,S1,2024-01-02,2024-01-05,2024-01-06,10,5,', // a day late, within the grace
						'D,2,C1,S1,2024-01-02,2024-01-05,2024-01-12,10,5,', // a week late
						'D,3,C1,S1,2024-01-02,2024-01-05,,10,5,open', // never shipped, still open
						'D,4,C1,S1,2024-01-02,2024-01-05,,10,5,cancelled', // never shipped, cancelled
						'D,5,C1,S1,2024-01-02,,2024-01-30,10,5,', // no promise: no source
						'D,6,C1,S1,2024-03-01,2024-03-05,2024-03-04,10,5,'
					].join('\n') +
					'\n'
			})
		);
		expect(await lines(db)).toEqual([
			{ line: 'D/1', bo: 0, filled: null, cancelled: 0, source: 'dates' },
			{ line: 'D/2', bo: 10, filled: '2024-01-12', cancelled: 0, source: 'dates' },
			{ line: 'D/3', bo: 10, filled: null, cancelled: 0, source: 'dates' },
			{ line: 'D/4', bo: 10, filled: null, cancelled: 10, source: 'dates' },
			{ line: 'D/5', bo: 0, filled: null, cancelled: 0, source: null },
			{ line: 'D/6', bo: 0, filled: null, cancelled: 0, source: 'dates' }
		]);
		db.closeSync();
	});
});

describe('the sample written both ways', () => {
	let tmp: string;
	let recorded: DuckDBInstance;
	let derived: DuckDBInstance;
	beforeAll(async () => {
		tmp = mkdtempSync(path.join(os.tmpdir(), 'ledger-derive-'));
		for (const shape of ['recorded', 'shipments'] as const) await generateSample({ outDir: path.join(tmp, shape), seed: 7, scale: 20_000, shape });
		recorded = await memoryDb();
		derived = await memoryDb();
		expect((await ingestFolder(recorded, path.join(tmp, 'recorded'))).ok).toBe(true);
		expect((await ingestFolder(derived, path.join(tmp, 'shipments'))).ok).toBe(true);
	});
	afterAll(() => {
		recorded?.closeSync();
		derived?.closeSync();
		rmSync(tmp, { recursive: true, force: true });
	});

	it('every line derived from the shipments has the recorded figures, under the grace rule', async () => {
		const grace = 2;
		// under the grace rule, a backorder is filled more than `grace` days after the order (the sample
		// fills some sooner: their shipment is written on the first day that counts as late)
		const truth = await rows(
			recorded,
			`SELECT order_id || '/' || line_no AS line, qty_backordered AS bo, qty_cancelled AS cancelled,
			   CASE WHEN backorder_filled_date IS NOT NULL THEN greatest(backorder_filled_date, order_date + ${grace + 1})::VARCHAR END AS filled
			 FROM order_lines WHERE order_date + ${grace} < (SELECT max(order_date) FROM order_lines) ORDER BY order_id, line_no`
		);
		const got = await rows(
			derived,
			`SELECT order_id || '/' || line_no AS line, qty_backordered AS bo, qty_cancelled AS cancelled, backorder_filled_date::VARCHAR AS filled
			 FROM order_lines WHERE order_date + ${grace} < (SELECT max(order_date) FROM order_lines) ORDER BY order_id, line_no`
		);
		expect(got.length).toBe(truth.length);
		expect(truth.filter((t) => Number(t.bo) > 0).length).toBeGreaterThan(500);
		const differ = got.filter((g, i) => JSON.stringify(g) !== JSON.stringify(truth[i]));
		expect(differ.slice(0, 5)).toEqual([]);
		expect(await rows(derived, `SELECT DISTINCT bo_source FROM order_lines`)).toEqual([{ bo_source: 'shipments' }]);
		expect(await rows(recorded, `SELECT DISTINCT bo_source FROM order_lines`)).toEqual([{ bo_source: 'recorded' }]);
	});
});
