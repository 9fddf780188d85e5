/**
 * Issue 14: exports in the layouts of real public ones (tests/fixtures/exports/*, rows invented), each
 * with the mapping JSON the Data page downloads, load through both paths with the same answer and the
 * expected figures: the CLI's (`npm run ingest -- --mapping`, ingestWithMappingFile) and the browser's
 * (the upload's HTTP handlers: session, chunks, inspect with the mapping file, load, poll).
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeInstance, getInstance } from '../../src/lib/server/db';
import type { IngestReport } from '../../src/lib/server/ingest';
import { memoryDb, rows } from '../../src/lib/server/ingest/test-helpers';
import { ingestWithMappingFile } from '../../src/lib/server/data/mapping-cli';
import type { UploadStatus } from '../../src/lib/server/data/uploads';
import type { TableMapping } from '../../src/lib/data/mapping';
import * as sessionRoute from '../../src/routes/api/data/uploads/+server';
import * as chunkRoute from '../../src/routes/api/data/uploads/[id]/+server';
import * as inspectRoute from '../../src/routes/api/data/uploads/[id]/inspect/+server';
import * as loadRoute from '../../src/routes/api/data/uploads/[id]/load/+server';

const FIXTURES = path.resolve('tests/fixtures/exports');
let tmp: string;

beforeAll(() => {
	tmp = mkdtempSync(path.join(os.tmpdir(), 'ledger-real-exports-'));
	process.env.LEDGER_DB = ':memory:';
	process.env.LEDGER_UPLOAD_DIR = path.join(tmp, 'uploads');
	delete process.env.LEDGER_TOKEN;
});
afterAll(async () => {
	await closeInstance();
	rmSync(tmp, { recursive: true, force: true });
});

type Json = Record<string, unknown>;
const call = async (res: Response | Promise<Response>) => {
	const r = await res;
	return { status: r.status, body: (await r.json()) as Json };
};
const post = (url: string, body: unknown) => new Request(`http://127.0.0.1${url}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** The browser's path: a session, each file in chunks, inspect with the mapping file, load the mappings it gives. */
async function viaUpload(dir: string): Promise<UploadStatus> {
	const s = await call(sessionRoute.POST({ request: new Request('http://127.0.0.1/api/data/uploads', { method: 'POST' }) } as never));
	const id = s.body.id as string;
	for (const name of readdirSync(dir).filter((f) => f !== 'mapping.json')) {
		const bytes = readFileSync(path.join(dir, name));
		for (let off = 0; off === 0 || off < bytes.length; off += 4096) {
			const part = bytes.subarray(off, off + 4096);
			const q = new URLSearchParams({ name, offset: String(off), total: String(bytes.length) });
			const url = new URL(`http://127.0.0.1/api/data/uploads/${id}?${q}`);
			const put = await call(chunkRoute.PUT({ params: { id }, url, request: new Request(url, { method: 'PUT', body: part, duplex: 'half' } as RequestInit) } as never));
			expect(put.status, JSON.stringify(put.body)).toBe(200);
		}
	}
	const saved = JSON.parse(readFileSync(path.join(dir, 'mapping.json'), 'utf8'));
	const ins = await call(inspectRoute.POST({ params: { id }, request: post(`/api/data/uploads/${id}/inspect`, { saved }) } as never));
	expect(ins.status, JSON.stringify(ins.body)).toBe(200);
	const suggestions = ins.body.suggestions as { mapping: TableMapping; source: string }[];
	expect(suggestions.map((x) => x.source)).toEqual(saved.mappings.map(() => 'saved'));
	const mappings = suggestions.map((x) => x.mapping);
	const l = await call(loadRoute.POST({ params: { id }, request: post(`/api/data/uploads/${id}/load`, { mappings, replaceAll: true }) } as never));
	expect(l.status, JSON.stringify(l.body)).toBe(202);
	for (let i = 0; i < 3000; i++) {
		const st = (await call(chunkRoute.GET({ params: { id } } as never))).body as unknown as UploadStatus;
		if (st.state === 'done' || st.state === 'failed') return st;
		await new Promise((r) => setTimeout(r, 20));
	}
	throw new Error('the upload did not finish');
}

/** What a user is told, from either path. */
const told = (r: IngestReport) => ({
	ok: r.ok,
	refused: r.refused,
	emptied: r.emptied,
	ignored: r.ignored_files,
	tables: r.tables.map((t) => ({ table: t.table, file: t.file, read: t.rows_read, loaded: t.rows_loaded, rejected: t.rows_rejected, rejects: t.rejects, notes: t.notes }))
});
const counts = (r: IngestReport) => Object.fromEntries(r.tables.map((t) => [t.table, [t.rows_read, t.rows_loaded, t.rows_rejected]]));

type Check = (db: DuckDBInstance, r: IngestReport) => Promise<void>;
const one = async (db: DuckDBInstance, sql: string) => (await rows(db, sql))[0];

const CASES: Record<string, { counts: Record<string, [number, number, number]>; check: Check }> = {
	// one row per order line (53 columns), month-first dates with 2-digit years, an unquoted comma in two rows
	'dataco-supply-chain': {
		counts: { customers: [6, 6, 0], products: [5, 5, 0], order_lines: [20, 18, 2], shipments: [15, 15, 0] },
		async check(db, r) {
			const lines = r.tables.find((t) => t.table === 'order_lines')!;
			expect(lines.rejects.map((x) => [x.line, x.rule])).toEqual([
				[19, 'malformed row: Expected Number of Columns: 53 Found: 54'],
				[20, 'malformed row: Expected Number of Columns: 53 Found: 54']
			]);
			expect(lines.notes).toContain('order_date: dates read as month first (1/6/25 9:15), as declared');
			expect(await one(db, `SELECT min(order_date)::VARCHAR AS first, max(order_date)::VARCHAR AS last FROM order_lines`)).toEqual({ first: '2025-01-06', last: '2025-06-02' });
			expect(await one(db, `SELECT promised_date::VARCHAR AS p FROM order_lines WHERE order_id = '70002'`)).toEqual({ p: '2025-01-11' });
			// derived from the shipment rows: 11 lines not shipped within 2 days; the cancelled order's never
			expect(await one(db, `SELECT count(*) FILTER (WHERE qty_backordered > 0)::INTEGER AS bo, string_agg(DISTINCT bo_source, ',') AS src, sum(qty_cancelled)::INTEGER AS cancelled FROM order_lines`)).toEqual({
				bo: 11,
				src: 'shipments',
				cancelled: 2
			});
			expect(await rows(db, `SELECT customer_id, name, segment FROM customers WHERE customer_id IN ('1102', '1103') ORDER BY 1`)).toEqual([
				{ customer_id: '1102', name: 'Ben Okafor', segment: 'Key' },
				{ customer_id: '1103', name: 'Chloe Martin', segment: 'Core' }
			]);
			expect(r.tables.find((t) => t.table === 'products')!.notes).toContain(
				'description differs within 1 of those keys (e.g. 502: Insulated Bottle / Insulated Bottle 1L): the first value was kept, the conflict is not a reject'
			);
		}
	},
	// an ERP's orders + order details without line numbers; NULL ship dates; two orders with an unquoted comma
	'northwind-erp': {
		counts: { customers: [6, 6, 0], products: [6, 6, 0], order_lines: [14, 11, 3], inventory_snapshots: [6, 6, 0] },
		async check(db, r) {
			const lines = r.tables.find((t) => t.table === 'order_lines')!;
			expect([...new Set(lines.rejects.map((x) => x.line))]).toEqual([5, 6, 15]);
			expect(lines.notes).toContain('2 lines of orders.csv could not be read: the rows of order_details.csv that join to them find nothing there');
			expect(await rows(db, `SELECT line_no FROM order_lines WHERE order_id = '20007' ORDER BY 1`)).toEqual([{ line_no: 1 }, { line_no: 2 }]);
			// no shipments: late lines inferred from ship and promised dates; the open order past its promise too
			expect(await rows(db, `SELECT order_id, qty_backordered AS bo, bo_source FROM order_lines WHERE qty_backordered > 0 ORDER BY 1`)).toEqual([
				{ order_id: '20002', bo: 20, bo_source: 'dates' },
				{ order_id: '20004', bo: 12, bo_source: 'dates' },
				{ order_id: '20006', bo: 30, bo_source: 'dates' }
			]);
			expect(await one(db, `SELECT sum(on_hand_qty)::INTEGER AS stock FROM inventory_snapshots`)).toEqual({ stock: 229 });
		}
	},
	// an ERP's sales items and delivery lines: semicolons, dd.mm.yyyy, decimal commas, CR-only line ends
	'sap-order-deliveries': {
		counts: { order_lines: [10, 10, 0], shipments: [11, 10, 1] },
		async check(db, r) {
			expect(r.tables.find((t) => t.table === 'shipments')!.rejects.map((x) => x.line)).toEqual([11]);
			expect(await rows(db, `SELECT order_id, line_no, qty_backordered AS bo, backorder_filled_date::VARCHAR AS filled, qty_cancelled AS c FROM order_lines WHERE qty_backordered > 0 ORDER BY 1, 2`)).toEqual([
				{ order_id: '0000004711', line_no: 20, bo: 3, filled: '2024-09-19', c: 0 },
				{ order_id: '0000004713', line_no: 20, bo: 2, filled: '2024-09-30', c: 0 },
				{ order_id: '0000004714', line_no: 10, bo: 20, filled: '2024-10-21', c: 0 },
				{ order_id: '0000004715', line_no: 10, bo: 3, filled: null, c: 3 }
			]);
			expect(await one(db, `SELECT round(sum(qty * unit_price), 2) AS value FROM order_lines`)).toEqual({ value: 1480 });
		}
	},
	// a CRM pipeline: d-Mon-yyyy dates, open stages left out, a trailing empty column
	'crm-pipeline': {
		counts: { customers: [7, 7, 0], opportunities: [7, 7, 0] },
		async check(db) {
			expect(await rows(db, `SELECT outcome, count(*)::INTEGER AS n, sum(amount) AS amount FROM opportunities GROUP BY 1 ORDER BY 1`)).toEqual([
				{ outcome: 'lost', n: 3, amount: 10850 },
				{ outcome: 'won', n: 4, amount: 11530 }
			]);
			expect(await one(db, `SELECT created_date::VARCHAR AS c, closed_date::VARCHAR AS d FROM opportunities WHERE opportunity_id = 'Kestrel Labs 09-Jan-2025'`)).toEqual({ c: '2025-01-09', d: '2025-04-02' });
		}
	},
	// a helpdesk's tickets: channels mapped onto ours, escalation from the priority
	'helpdesk-tickets': {
		counts: { customers: [8, 8, 0], contacts: [12, 12, 0] },
		async check(db) {
			expect(await rows(db, `SELECT channel, count(*)::INTEGER AS n FROM contacts GROUP BY 1 ORDER BY 1`)).toEqual([
				{ channel: 'chat', n: 3 },
				{ channel: 'email', n: 4 },
				{ channel: 'other', n: 2 },
				{ channel: 'phone', n: 3 }
			]);
			expect(await one(db, `SELECT count(*) FILTER (WHERE escalated)::INTEGER AS e, count(csat)::INTEGER AS rated, team FROM contacts GROUP BY team`)).toEqual({ e: 2, rated: 7, team: 'service' });
		}
	},
	// stock by storage bin without a header row: bins of one material summed per date
	'inventory-bins': {
		counts: { inventory_snapshots: [9, 8, 1] },
		async check(db, r) {
			expect(r.tables[0].rejects.map((x) => [x.line, x.rule])).toEqual([[9, 'malformed row: Expected Number of Columns: 6 Found: 5']]);
			expect(await rows(db, `SELECT snapshot_date::VARCHAR AS d, sku, on_hand_qty AS q FROM inventory_snapshots WHERE sku IN ('M-102', 'M-104') ORDER BY 1, 2`)).toEqual([
				{ d: '2024-09-30', sku: 'M-102', q: 225 },
				{ d: '2024-10-31', sku: 'M-102', q: 90 },
				{ d: '2024-10-31', sku: 'M-104', q: 1250.5 }
			]);
		}
	}
};

describe('real export shapes load through the CLI and the upload alike', () => {
	for (const [name, c] of Object.entries(CASES)) {
		it(name, async () => {
			const dir = path.join(FIXTURES, name);
			const cliDb = await memoryDb();
			try {
				const cli = await ingestWithMappingFile(cliDb, dir, path.join(dir, 'mapping.json'), { replaceAll: true });
				expect(cli.refused).toEqual([]);
				expect(counts(cli)).toEqual(c.counts);
				await c.check(cliDb, cli);

				const st = await viaUpload(dir);
				expect(st.error).toBeNull();
				expect(told(st.report!)).toEqual(told(cli));
				await c.check(await getInstance(), st.report!);
			} finally {
				cliDb.closeSync();
			}
		});
	}
});
