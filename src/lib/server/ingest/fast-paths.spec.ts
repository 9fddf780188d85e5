/**
 * The ingest takes shortcuts that exist only for speed at 10M lines (see ingestTuning). Each must give
 * exactly what its general path gives: the same tables, the same rejects, the same report.
 */
import { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TABLE_NAMES } from '../../schema';
import { ingestFolder, type IngestReport } from './index';
import { ingestTuning } from './stage';
import { folderWith, GOOD, memoryDb, rows } from './test-helpers';
import { keysNotAscendingSql } from './validate-sql';

const OL_HEADER =
	'order_id,line_no,customer_id,sku,order_date,promised_date,ship_date,qty,unit_price,qty_backordered,backorder_filled_date,qty_cancelled\n';
const ol = (...lines: string[]) => OL_HEADER + lines.join('\n') + '\n';

afterEach(() => {
	ingestTuning.fastPaths = true;
	vi.restoreAllMocks();
});

/** The statements a load runs (to see which path it took). */
async function statements(files: Record<string, string>): Promise<string[]> {
	const seen: string[] = [];
	const run = DuckDBConnection.prototype.run;
	vi.spyOn(DuckDBConnection.prototype, 'run').mockImplementation(function (this: DuckDBConnection, sql, ...rest) {
		seen.push(sql);
		return run.call(this, sql, ...rest);
	});
	await ingestFolder(await memoryDb(), folderWith(files));
	vi.restoreAllMocks();
	return seen;
}

/** Everything a load leaves behind that a user or a page can see. */
async function outcome(files: Record<string, string>, fastPaths: boolean) {
	ingestTuning.fastPaths = fastPaths;
	const db = await memoryDb();
	const report = await ingestFolder(db, folderWith(files));
	const tables: Record<string, unknown> = {};
	for (const t of [...TABLE_NAMES, 'load_rejects']) tables[t] = await rows(db, `SELECT * FROM ${t} ORDER BY ALL`);
	tables.loads = await rows(db, 'SELECT * EXCLUDE (started_at, finished_at) FROM loads ORDER BY ALL');
	// timings differ between runs: only their presence is compared
	const { duration_ms, derived_ms, ...rest } = report as IngestReport;
	expect(duration_ms).toBeGreaterThanOrEqual(0);
	expect(derived_ms).toBeGreaterThanOrEqual(0);
	return { report: rest, tables };
}

const CASES: Record<string, Record<string, string>> = {
	'a good folder, keys in order': GOOD,
	'keys out of order, no duplicates': {
		...GOOD,
		'order_lines.csv': ol('O2,1,C2,S1,2024-02-01,,,1.5,5,1.5,,1.5', 'O1,2,C1,S2,2024-01-02,2024-01-05,2024-01-04,4,7.25,3,2024-01-20,1', 'O1,1,C1,S1,2024-01-02,,,10,5,,,'),
		'customers.csv': 'customer_id,name\nC3,Gamma\nC1,Acme\nC2,Beta\n'
	},
	'a repeated key next to its first occurrence': {
		'order_lines.csv': ol('O1,1,C1,S1,2024-01-02,,,1,5,,,', 'O1,1,C1,S1,2024-01-02,,,2,5,,,', 'O1,2,C1,S1,2024-01-02,,,3,5,,,')
	},
	'a repeated key far from its first occurrence, with a bad first occurrence': {
		'order_lines.csv': ol('O1,1,C1,S1,2024-01-02,,,0,5,,,', 'O1,2,C1,S1,2024-01-02,,,1,5,,,', 'O2,1,C1,S1,2024-01-02,,,1,5,,,', 'O1,1,C1,S1,2024-01-02,,,4,5,,,', 'O1,2,C9,S1,2024-01-02,,,5,5,,,')
	},
	'keys in order except on rows rejected for other reasons': {
		'order_lines.csv': ol('O1,1,C1,S1,2024-01-02,,,1,5,,,', 'O0,9,C1,S1,2024-01-02,,,-1,5,,,', 'O1,2,C1,S1,2024-01-02,,,1,5,,,', 'O1,2,C1,S1,not a date,,,1,5,,,', 'O1,3,C1,S1,2024-01-02,,,1,5,,,')
	},
	'keys that ascend as numbers but not as text': {
		'customers.csv': 'customer_id\nC9\nC10\nC11\n',
		'contacts.csv': 'contact_id,customer_id,contact_at,team\nK2,C9,2024-01-03 09:15,service\nK10,C10,2024-01-03,sales\n'
	},
	'composite keys: the second part ascends within the first': {
		'inventory_snapshots.csv': 'snapshot_date,sku,on_hand_qty\n2024-01-31,S1,1\n2024-01-31,S2,2\n2024-02-29,S1,3\n2024-02-29,S1,4\n'
	},
	'numbers and dates that are not finite': {
		'order_lines.csv': ol(
			'O1,1,C1,S1,2024-01-02,,,inf,5,,,',
			'O1,2,C1,S1,2024-01-02,,,-inf,5,,,',
			'O1,3,C1,S1,2024-01-02,,,2,NaN,,,',
			'O1,4,C1,S1,2024-01-02,,,2,5,Infinity,,',
			'O1,5,C1,S1,2024-01-02,,,2,5,1,,-nan',
			'O1,6,C1,S1, infinity ,,,2,5,,,',
			'O1,7,C1,S1,2024-01-02,,,2,5,,,',
			'O1,8,C1,S1,2024-01-02,,,inf,5,inf,,inf',
			'O1,9,C1,S1,2024-01-02,,,2,5,nan,,1'
		),
		'customers.csv': 'customer_id,annual_wallet\nC1,-inf\nC2,nan\nC3,5\n'
	},
	'malformed rows, blank cells and broken references': {
		...GOOD,
		'order_lines.csv': ol('O1,1,C1,S1,2024-01-02,,,1,5,,,', 'O1,2,C1,S1,2024-01-02,,,1,5,,,,extra', 'O1,3,C7,S1', 'O1,4,C8,S9,2024-01-02, ,  ,1,5, ,,', 'O1,5, C1 ,S1 ,2024-01-02,,,1,5,,,'),
		'inventory_snapshots.csv': 'snapshot_date,sku,on_hand_qty\n2024-01-31,S7,1\n2024-01-31,S8,1\n'
	}
};

describe('the fast paths give what the general paths give', () => {
	for (const [name, files] of Object.entries(CASES)) {
		it(name, async () => {
			const fast = await outcome(files, true);
			const general = await outcome(files, false);
			expect(fast).toEqual(general);
		});
	}

	it('and the cases above cover rejects, duplicates and warnings', async () => {
		const r = (await outcome(CASES['a repeated key far from its first occurrence, with a bad first occurrence'], true)).tables.load_rejects as {
			line: string;
			rule: string;
		}[];
		expect(r.map((x) => [x.line, x.rule])).toEqual([
			['2', 'qty must be > 0'],
			// line 5 repeats line 2's key, but line 2 was rejected: line 5 is the first valid O1,1
			['6', 'duplicate key (order_id, line_no)']
		]);
		const inf = (await outcome(CASES['numbers and dates that are not finite'], true)).tables.load_rejects as Record<string, string>[];
		expect(inf.map((x) => [x.table_name, x.line, x.column_name, x.rule])).toEqual([
			['customers', '2', 'annual_wallet', 'not a number'],
			['customers', '3', 'annual_wallet', 'not a number'],
			['order_lines', '2', 'qty', 'not a number'],
			['order_lines', '3', 'qty', 'not a number'],
			['order_lines', '4', 'unit_price', 'not a number'],
			['order_lines', '5', 'qty_backordered', 'not a number'],
			['order_lines', '6', 'qty_cancelled', 'not a number'],
			['order_lines', '7', 'order_date', 'not a date'],
			['order_lines', '9', 'qty', 'not a number'],
			['order_lines', '9', 'qty_backordered', 'not a number'],
			['order_lines', '9', 'qty_cancelled', 'not a number'],
			['order_lines', '10', 'qty_backordered', 'not a number']
		]);
		const w = (await outcome(CASES['malformed rows, blank cells and broken references'], true)).report.warnings;
		expect(w.map((x) => [x.table, x.column, x.rows, x.distinct_values, x.examples])).toEqual([
			['order_lines', 'customer_id', 1, 1, ['C8']],
			['order_lines', 'sku', 1, 1, ['S9']],
			['inventory_snapshots', 'sku', 2, 2, ['S7', 'S8']]
		]);
	});
});

describe('text cells are trimmed of outer blanks, exactly as before', () => {
	it('leading blanks and control characters, trailing space, tab and CR; not a lone trailing line break', async () => {
		const cells = ['C1', ' C2', '\tC3', 'C4 ', 'C5\t', 'C6\r', '\u0001C7', ' C8\n', 'C9\n', '  ', 'É10 ', '\u00a0C11'];
		const csv = 'customer_id,name\n' + cells.map((c, i) => `K${i},"${c}"`).join('\n') + '\n';
		const db = await memoryDb();
		const r = await ingestFolder(db, folderWith({ 'customers.csv': csv }));
		expect(r.ok).toBe(true);
		const names = (await rows(db, 'SELECT name FROM customers ORDER BY rowid')).map((x) => x.name);
		expect(names).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', '\u0001C7', 'C8', 'C9\n', null, 'É10', '\u00a0C11']);
	});
});

describe('a flagged row carries its raw cells in its first text column', () => {
	const q = (v: string) => `"${v.replace(/"/g, '""')}"`;

	it('gives back every cell of a rejected row exactly, whatever it holds', async () => {
		const odd = ['say "hi"', 'back\\slash', 'tab\there', 'ctrl\u0001', 'ünïcødé 😀', '[1, 2]', 'null', '{"a": 1}'];
		const csv = OL_HEADER + odd.map((v, i) => `${q(`O1 ${v}`)},${i + 1},${q(v)},S1,2024-01-02,,,${q(v)},5,,,`).join('\n') + '\nO2,1,C1,S1,2024-01-02,,,1,5,,,\n';
		const r = await ingestFolder(await memoryDb(), folderWith({ 'order_lines.csv': csv }), { rejectSample: 100 });
		expect(r.tables[0].rejects.map((x) => [x.line, x.column, x.value])).toEqual(odd.map((v, i) => [i + 2, 'qty', v]));
	});

	it('and a row flagged only by the fast check (a blank-only optional cell) loads with all its values', async () => {
		const csv = OL_HEADER + `O1,1,C1,S1,2024-01-02,  ,,1,5, ,,\n${q('O1 "2"')},2,C1,S1,2024-01-02,2024-01-05,\t,1,5,,,\n`;
		const db = await memoryDb();
		const r = await ingestFolder(db, folderWith({ 'order_lines.csv': csv }));
		expect(r.tables[0]).toMatchObject({ rows_loaded: 2, rows_rejected: 0 });
		expect(await rows(db, 'SELECT order_id, line_no, promised_date, ship_date, qty_backordered FROM order_lines ORDER BY line_no')).toEqual([
			{ order_id: 'O1', line_no: 1, promised_date: null, ship_date: null, qty_backordered: 0 },
			{ order_id: 'O1 "2"', line_no: 2, promised_date: '2024-01-05', ship_date: null, qty_backordered: 0 }
		]);
		const contacts = 'contact_id,customer_id,contact_at,team,channel,minutes\n  K1 ,C1,2024-01-03 09:15,Service, , \n';
		const r2 = await ingestFolder(db, folderWith({ 'contacts.csv': contacts }));
		expect(r2.tables[0]).toMatchObject({ rows_loaded: 1, rows_rejected: 0 });
		expect(await rows(db, 'SELECT contact_id, team, channel, minutes FROM contacts')).toEqual([{ contact_id: 'K1', team: 'service', channel: 'other', minutes: null }]);
	});
});

describe('the key check on a side connection', () => {
	it('gives the staged table the check on the same connection gives, sorted or not', async () => {
		const { prepareSource } = await import('./read-source');
		const { stageFile } = await import('./stage');
		const files = {
			'order_lines.csv': ol('O1,1,C1,S1,2024-01-02,,,1,5,,,', 'O1,2,C1,S1,2024-01-02,,,0,5,,,', 'O2,1,C1,S1,2024-01-02,,,1,5,,,'),
			'contacts.csv': 'contact_id,customer_id,contact_at,team\nK2,C1,2024-01-03,sales\nK1,C1,2024-01-03,sales\nK2,C1,2024-01-04,sales\n'
		};
		const dir = folderWith(files);
		const results: { useSide: boolean | null; table: string; read: number; loaded: number; rejected: number; rejects: unknown[] }[] = [];
		for (const useSide of [false, true]) {
			const db = await memoryDb();
			const conn = await db.connect();
			const side = useSide ? await db.connect() : undefined;
			const staged = [];
			for (const table of ['order_lines', 'contacts'] as const) {
				const src = await prepareSource(conn, { path: `${dir}/${table}.csv`, table, name: `${table}.csv` }, {});
				staged.push(await stageFile(conn, src, {}, undefined, side));
			}
			for (const p of staged) {
				const s = await p.finish();
				const rejects = (await conn.runAndReadAll(s.rejectsSql)).getRowObjectsJson();
				results.push({ useSide, table: s.source.table, read: s.rows_read, loaded: s.rows_loaded, rejected: s.rows_rejected, rejects });
			}
			side?.closeSync();
			conn.closeSync();
		}
		const [alone, withSide] = [results.slice(0, 2), results.slice(2)].map((r) => r.map((x) => ({ ...x, useSide: null })));
		expect(withSide).toEqual(alone);
		expect(alone.map((x) => [x.table, x.loaded, x.rejected])).toEqual([
			['order_lines', 2, 1],
			['contacts', 2, 1]
		]);
	});
});

describe('keys that strictly ascend prove themselves unique', () => {
	async function notAscending(keys: [string, number, boolean][]): Promise<boolean> {
		const db = await memoryDb();
		const c = await db.connect();
		try {
			await c.run('CREATE TABLE st (order_id VARCHAR, line_no INTEGER, "__bad" BOOLEAN)');
			for (const [o, l, bad] of keys) await c.run('INSERT INTO st VALUES ($o, $l, $bad)', { o, l, bad });
			return (await c.runAndReadAll(keysNotAscendingSql('order_lines', 'st'))).currentRowCount > 0;
		} finally {
			c.closeSync();
		}
	}

	it('spares the hashing of keys that ascend, and hashes the others', async () => {
		const hashed = (sql: string[]) => sql.filter((q) => q.includes('ingest_dup_hashes_')).map((q) => /ingest_dup_hashes_(\w+)/.exec(q)![1]);
		expect(hashed(await statements(GOOD))).toEqual([]);
		expect(hashed(await statements(CASES['keys out of order, no duplicates']))).toEqual(['customers', 'customers', 'order_lines', 'order_lines']);
	});

	it('accepts keys ascending by their first part, then their second', async () => {
		expect(await notAscending([['A', 2, false], ['B', 1, false], ['B', 3, false], ['C', 0, false]])).toBe(false);
		expect(await notAscending([])).toBe(false);
		expect(await notAscending([['A', 1, false]])).toBe(false);
	});

	it('refuses a repeated key, next to the first or not, and any step down', async () => {
		expect(await notAscending([['A', 1, false], ['A', 1, false]])).toBe(true);
		expect(await notAscending([['A', 1, false], ['A', 2, false], ['A', 1, false]])).toBe(true);
		expect(await notAscending([['B', 1, false], ['A', 2, false]])).toBe(true);
		expect(await notAscending([['A', 2, false], ['A', 1, false]])).toBe(true);
	});

	it('looks at valid rows only, and counts a missing key part as out of order', async () => {
		expect(await notAscending([['A', 1, false], ['A', 1, true], ['Z', 0, true], ['A', 2, false]])).toBe(false);
		const db = await memoryDb();
		const c = await db.connect();
		await c.run(`CREATE TABLE st AS SELECT * FROM (VALUES ('A', 1, false), (NULL, 2, false), ('B', 1, false)) v(order_id, line_no, "__bad")`);
		expect((await c.runAndReadAll(keysNotAscendingSql('order_lines', 'st'))).currentRowCount).toBe(1);
		c.closeSync();
	});
});
