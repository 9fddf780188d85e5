/** Browser uploads on the server side: names, types, size limits, chunking, and loads that change nothing on failure. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeInstance, getInstance } from '../db';
import { counts, GOOD, GOOD_COUNTS } from '../ingest/test-helpers';
import { bodySizeLimit, chunkBytes, createSession, receiveChunk, sanitiseName, settled, sniffProblem, UploadError } from './uploads';
import { loadUpload } from './load';
import * as sessionRoute from '../../../routes/api/data/uploads/+server';
import * as chunkRoute from '../../../routes/api/data/uploads/[id]/+server';

beforeAll(() => {
	process.env.LEDGER_DB = ':memory:';
	process.env.LEDGER_UPLOAD_DIR = path.join(os.tmpdir(), `ledger-uploads-spec-${process.pid}`);
	delete process.env.LEDGER_TOKEN;
});
afterAll(() => closeInstance());

const body = (s: string | Uint8Array) => new Response(typeof s === 'string' ? s : new Blob([s as Uint8Array<ArrayBuffer>])).body;

async function upload(files: Record<string, string | Uint8Array>, chunk = 7) {
	const s = createSession();
	for (const [name, content] of Object.entries(files)) {
		const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
		if (bytes.length === 0) await receiveChunk(s.id, name, 0, 0, body(bytes), 0);
		for (let off = 0; off < bytes.length; off += chunk) {
			const part = bytes.subarray(off, off + chunk);
			await receiveChunk(s.id, name, off, bytes.length, body(part), part.length);
		}
	}
	return s.id;
}

describe('names and types', () => {
	it('keeps only the last path segment and safe characters; refuses other types', () => {
		expect(sanitiseName('../../etc/order_lines.csv')).toBe('order_lines.csv');
		expect(sanitiseName('C:\\Users\\me\\Contacts.CSV.gz')).toBe('Contacts.CSV.gz');
		expect(sanitiseName('..hidden products.xlsx')).toBe('hidden products.xlsx');
		expect(sanitiseName('a<b>|c\u0000.parquet')).toBe('a_b__c.parquet');
		for (const bad of ['evil.exe', 'orders.csv/', '', null, 'x.json']) expect(() => sanitiseName(bad)).toThrow(UploadError);
	});

	it('checks the first bytes against the name', () => {
		const gz = new Uint8Array([0x1f, 0x8b, 8, 0]);
		const zip = new Uint8Array([0x50, 0x4b, 3, 4]);
		expect(sniffProblem('a.csv.gz', gz)).toBeNull();
		expect(sniffProblem('a.csv', gz)).toMatch(/gzip/);
		expect(sniffProblem('a.xlsx', zip)).toBeNull();
		expect(sniffProblem('a.xlsx', new TextEncoder().encode('a,b'))).toMatch(/not an Excel/);
		expect(sniffProblem('a.parquet', new TextEncoder().encode('PAR1'))).toBeNull();
		expect(sniffProblem('a.csv', new Uint8Array([0x41, 0, 0x42]))).toMatch(/binary/);
		expect(sniffProblem('a.csv', new TextEncoder().encode('\ufeffa;b\n1;2'))).toBeNull();
	});

	it('reads adapter-node’s body limit and picks a chunk size under it', () => {
		expect(bodySizeLimit(undefined)).toBe(512 * 1024);
		expect(bodySizeLimit('10M')).toBe(10 * 1024 * 1024);
		expect(bodySizeLimit('Infinity')).toBe(Infinity);
		expect(bodySizeLimit('2048')).toBe(2048);
		expect(chunkBytes(512 * 1024)).toBe(511 * 1024);
		expect(chunkBytes(Infinity)).toBe(64 * 1024 * 1024);
	});
});

describe('chunks', () => {
	it('reassembles a file sent in chunks, in order only', async () => {
		const s = createSession();
		const text = GOOD['customers.csv'];
		await receiveChunk(s.id, 'customers.csv', 0, text.length, body(text.slice(0, 10)), 10);
		await expect(receiveChunk(s.id, 'customers.csv', 20, text.length, body(text.slice(20)), null)).rejects.toMatchObject({ status: 409 });
		const f = await receiveChunk(s.id, 'customers.csv', 10, text.length, body(text.slice(10)), null);
		expect(f).toEqual({ name: 'customers.csv', bytes: text.length, table: 'customers' });
		const dir = path.join(process.env.LEDGER_UPLOAD_DIR!, s.id);
		expect(readFileSync(path.join(dir, 'customers.csv'), 'utf8')).toBe(text);
	});

	it('refuses more bytes than announced, and files over LEDGER_MAX_UPLOAD_MB, keeping nothing of them', async () => {
		const s = createSession();
		await expect(receiveChunk(s.id, 'products.csv', 0, 5, body('0123456789'), null)).rejects.toMatchObject({ status: 413 });
		expect(existsSync(path.join(process.env.LEDGER_UPLOAD_DIR!, s.id, 'products.csv'))).toBe(false);
		process.env.LEDGER_MAX_UPLOAD_MB = '1';
		try {
			await expect(receiveChunk(s.id, 'products.csv', 0, 2 * 1024 * 1024, body('x'), 1)).rejects.toThrow(/limit is 1 MB/);
		} finally {
			delete process.env.LEDGER_MAX_UPLOAD_MB;
		}
		await expect(receiveChunk(s.id, 'x.csv.gz', 0, 3, body('abc'), 3)).rejects.toMatchObject({ status: 415 });
		await expect(receiveChunk('f'.repeat(32), 'a.csv', 0, 1, body('a'), 1)).rejects.toMatchObject({ status: 404 });
	});
});

describe('loading an upload', () => {
	it('loads every file through the ingest pipeline with progress, then deletes the files', async () => {
		const id = await upload(GOOD);
		await loadUpload(id, {});
		const st = await settled(id);
		expect(st.error).toBeNull();
		expect(st.state).toBe('done');
		expect(st.report?.tables.map((t) => [t.table, t.rows_loaded])).toEqual(Object.entries(GOOD_COUNTS));
		expect(st.progress?.phase).toBe('done');
		expect(await counts(await getInstance())).toEqual(GOOD_COUNTS);
		expect(existsSync(path.join(process.env.LEDGER_UPLOAD_DIR!, id))).toBe(false);
	});

	it('a broken file changes nothing and says why', async () => {
		const id = await upload({ 'customers.csv': 'customer_id,name\nX1,New\n', 'order_lines.csv': 'this is not,an order file\n1,2\n' });
		await loadUpload(id, {});
		const st = await settled(id);
		expect(st.state).toBe('failed');
		expect(st.error).toMatch(/Nothing was loaded/);
		expect(st.report?.refused).toEqual([expect.objectContaining({ file: 'order_lines.csv', table: 'order_lines' })]);
		expect(await counts(await getInstance())).toEqual(GOOD_COUNTS);
		await expect(loadUpload(id, {})).rejects.toMatchObject({ status: 409 });
	});

	it('a file named after no table can be assigned one', async () => {
		const id = await upload({ 'export 2024.csv': GOOD['products.csv'] });
		await expect(loadUpload(id, { tables: { 'export 2024.csv': 'nope' } })).rejects.toMatchObject({ status: 400 });
		await loadUpload(id, { tables: { 'export 2024.csv': 'products' } });
		expect((await settled(id)).state).toBe('done');
	});
});

describe('routes', () => {
	it('start a session and take a chunk; writes need the token when one is set', async () => {
		const res = await sessionRoute.POST({ request: new Request('http://x/api/data/uploads', { method: 'POST' }) } as never);
		expect(res.status).toBe(201);
		const s = await res.json();
		expect(s).toMatchObject({ state: 'uploading', chunk_bytes: expect.any(Number), max_bytes: 2048 * 1024 * 1024 });
		const url = new URL(`http://x/api/data/uploads/${s.id}?name=..%2Fcontacts.csv&offset=0&total=4`);
		const put = await chunkRoute.PUT({ params: { id: s.id }, url, request: new Request(url, { method: 'PUT', body: 'a,b\n', headers: { 'content-length': '4' } }) } as never);
		expect(await put.json()).toEqual({ name: 'contacts.csv', bytes: 4, table: 'contacts' });
		const get = await chunkRoute.GET({ params: { id: s.id } } as never);
		expect((await get.json()).files).toEqual([{ name: 'contacts.csv', bytes: 4, table: 'contacts' }]);
		process.env.LEDGER_TOKEN = 'sekrit';
		try {
			const denied = await sessionRoute.POST({ request: new Request('http://x/api/data/uploads', { method: 'POST' }) } as never);
			expect(denied.status).toBe(401);
		} finally {
			delete process.env.LEDGER_TOKEN;
		}
	});
});
