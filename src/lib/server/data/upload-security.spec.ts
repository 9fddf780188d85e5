/**
 * Issue 19 through the /api/data route handlers: a column mapping reads only the upload's own files
 * (item 2), the upload folder is the server's alone (item 4), uploads are limited in number, files and
 * bytes (item 5), and hostile mapping values and oversized bodies get 400/413, never 500 (item 6).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { closeInstance } from '../db';
import { counts } from '../ingest/test-helpers';
import { getInstance } from '../db';
import { rootProblem, uploadRoot } from './upload-root';
import { folderBytes } from './session-copies';
import * as sessionRoute from '../../../routes/api/data/uploads/+server';
import * as chunkRoute from '../../../routes/api/data/uploads/[id]/+server';
import * as loadRoute from '../../../routes/api/data/uploads/[id]/load/+server';
import * as previewRoute from '../../../routes/api/data/uploads/[id]/preview/+server';
import * as inspectRoute from '../../../routes/api/data/uploads/[id]/inspect/+server';
import * as mappingsRoute from '../../../routes/api/data/mappings/+server';
import * as assumptionsRoute from '../../../routes/api/assumptions/+server';

let tmp: string;
let uploads: string;
let secretDir: string;
const SECRET = 'TOPSECRET-7f3a,second\nline-two,x\n';

beforeAll(() => {
	tmp = mkdtempSync(path.join(os.tmpdir(), 'ledger-upload-sec-'));
	uploads = path.join(tmp, 'uploads');
	secretDir = path.join(tmp, 'private');
	mkdirSync(secretDir);
	writeFileSync(path.join(secretDir, 'secret.csv'), SECRET);
	// a Windows-1252 file outside the folder: before the fix, a mapping naming it got a UTF-8 copy written beside it
	writeFileSync(path.join(secretDir, 'latin.csv'), Buffer.from('name,city\nJos\xe9,M\xfcnchen\n', 'latin1'));
	process.env.LEDGER_DB = ':memory:';
	process.env.LEDGER_UPLOAD_DIR = uploads;
	delete process.env.LEDGER_TOKEN;
});
afterAll(async () => {
	await closeInstance();
	rmSync(tmp, { recursive: true, force: true });
});
afterEach(async () => {
	process.env.LEDGER_UPLOAD_DIR = uploads;
	for (const id of opened.splice(0)) await cancel(id);
	for (const k of ['LEDGER_MAX_UPLOADS', 'LEDGER_MAX_SESSION_MB', 'LEDGER_MAX_SESSION_DISK_MB']) delete process.env[k];
});

type Json = Record<string, unknown>;
const call = async (res: Response | Promise<Response>) => {
	const r = await res;
	const text = await r.text();
	return { status: r.status, body: JSON.parse(text) as Json, text };
};
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
	new Request(`http://127.0.0.1${url}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

const opened: string[] = [];
async function start() {
	const s = await call(sessionRoute.POST({ request: new Request('http://127.0.0.1/api/data/uploads', { method: 'POST' }) } as never));
	if (s.status === 201) opened.push(s.body.id as string);
	return s;
}
const cancel = (id: string) => chunkRoute.DELETE({ params: { id }, request: new Request('http://127.0.0.1/x', { method: 'DELETE' }) } as never);

function put(id: string, name: string, content: string | Buffer, offset = 0, total?: number) {
	const bytes = Buffer.from(content);
	const q = new URLSearchParams({ name, offset: String(offset), total: String(total ?? offset + bytes.length) });
	const url = new URL(`http://127.0.0.1/api/data/uploads/${id}?${q}`);
	const init: RequestInit & { duplex?: 'half' } = { method: 'PUT', body: bytes, headers: { 'content-length': String(bytes.length) }, duplex: 'half' };
	return call(chunkRoute.PUT({ params: { id }, url, request: new Request(url, init) } as never));
}

async function session(files: Record<string, string | Buffer> = { 'export.csv': 'Customer,Name\nC1,Alpha\nC2,Beta\n' }) {
	const s = await start();
	expect(s.status).toBe(201);
	const id = s.body.id as string;
	for (const [n, c] of Object.entries(files)) expect((await put(id, n, c)).status).toBe(200);
	return id;
}

const customersFrom = (file: string, column = 'Customer', lookup?: Json) => ({
	table: 'customers',
	file,
	...(lookup ? { lookup } : {}),
	columns: { customer_id: { kind: 'column', source: { column } } }
});

const preview = (id: string, mappings: unknown) => call(previewRoute.POST({ params: { id }, request: post(`/api/data/uploads/${id}/preview`, { mappings }) } as never));
const load = (id: string, body: unknown) => call(loadRoute.POST({ params: { id }, request: post(`/api/data/uploads/${id}/load`, body) } as never));
const save = (body: unknown) => call(mappingsRoute.POST({ request: post('/api/data/mappings', body) } as never));

/** Everything an answer says must hold nothing of the secret file, nor a server path (but the name it was sent). */
function revealsNothing(answer: string, sent?: string) {
	const text = sent ? answer.split(JSON.stringify(JSON.stringify(sent)).slice(1, -1)).join('') : answer;
	expect(text).not.toContain('TOPSECRET');
	expect(text).not.toContain('line-two');
	expect(text).not.toContain(tmp);
	expect(text).not.toContain(os.tmpdir() + path.sep);
}

describe('a column mapping reads only the upload’s own files (item 2)', () => {
	const outside = () => [
		path.relative(path.join(uploads, 'x'), path.join(secretDir, 'secret.csv')), // ../../private/secret.csv from the session folder
		'../private/secret.csv',
		'../../private/secret.csv',
		path.join(secretDir, 'secret.csv'),
		'../*/secret.csv',
		'../../*/secret.csv',
		'*.csv',
		'export.c?v',
		'[e]xport.csv',
		'.session.json',
		'.',
		'',
		'export.csv/',
		'export.csv\u0000'
	];

	it('preview, load and save-mapping refuse any file name that is not exactly one of the upload’s files: 400, nothing read', async () => {
		const id = await session();
		for (const name of outside()) {
			for (const mappings of [[customersFrom(name, 'TOPSECRET-7f3a')], [customersFrom('export.csv', 'Customer', { file: name, on: 'Customer', key: 'TOPSECRET-7f3a' })]]) {
				const p = await preview(id, mappings);
				expect(p.status, name).toBe(400);
				expect(p.body.error, name).toMatch(/is not in this upload/);
				revealsNothing(p.text, name);
				const s = await save({ upload: id, name: 'x', mapping: mappings[0] });
				expect(s.status, name).toBe(400);
				revealsNothing(s.text, name);
			}
			const l = await load(id, { mappings: [customersFrom(name, 'TOPSECRET-7f3a')] });
			expect(l.status, name).toBe(400);
			revealsNothing(l.text, name);
		}
		// the session is still open and nothing was loaded
		expect((await call(chunkRoute.GET({ params: { id } } as never))).body.state).toBe('uploading');
		expect((await counts(await getInstance())).customers).toBe(0);
		// the Windows-1252 file outside got no UTF-8 copy beside it
		expect(readdirSync(secretDir).sort()).toEqual(['latin.csv', 'secret.csv']);
		const latin = await preview(id, [customersFrom('../private/latin.csv', 'name')]);
		expect(latin.status).toBe(400);
		expect(readdirSync(secretDir).sort()).toEqual(['latin.csv', 'secret.csv']);
	});

	it('a link put in place of an uploaded file is not followed', async () => {
		const id = await session();
		const dir = path.join(uploads, id);
		rmSync(path.join(dir, 'export.csv'));
		symlinkSync(path.join(secretDir, 'secret.csv'), path.join(dir, 'export.csv'));
		const p = await preview(id, [customersFrom('export.csv', 'TOPSECRET-7f3a')]);
		expect(p.status).toBe(400);
		expect(p.body.error).toMatch(/is not in this upload/);
		revealsNothing(p.text);
		const i = await call(inspectRoute.POST({ params: { id }, request: post(`/api/data/uploads/${id}/inspect`, {}) } as never));
		expect(i.status).toBe(400);
		revealsNothing(i.text);
	});

	it('the upload’s own files still map, preview and load', async () => {
		const id = await session();
		const p = await preview(id, [{ table: 'customers', file: 'export.csv', columns: { customer_id: { kind: 'column', source: { column: 'Customer' } }, name: { kind: 'column', source: { column: 'Name' } } } }]);
		expect(p.status).toBe(200);
		const t = (p.body.tables as { rows: string[][] }[])[0];
		expect(t.rows.map((r) => r.slice(0, 2))).toEqual([
			['C1', 'Alpha'],
			['C2', 'Beta']
		]);
	});

	it('a file DuckDB cannot read gets a message without the server’s folders in it', async () => {
		const id = await session({ 'broken.parquet': Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7), Buffer.from('PAR1')]) });
		const p = await preview(id, [customersFrom('broken.parquet')]);
		expect(p.status).toBe(400);
		expect(p.body.error).toMatch(/^broken\.parquet could not be read/);
		revealsNothing(p.text);
		expect(p.text).not.toContain(uploads);
	});
});

describe('what a mapping makes of an upload stays within its disk budget (second red-team pass)', () => {
	const inspect = (id: string) => call(inspectRoute.POST({ params: { id }, request: post(`/api/data/uploads/${id}/inspect`, {}) } as never));
	const gz = (rows: number) => gzipSync(Buffer.from('Customer,Name\n' + 'C1,x\n'.repeat(rows)));

	it('a glance at a .csv.gz unzips its first megabyte, not the whole file', async () => {
		const id = await session({ 'export.csv.gz': gz(2_000_000) }); // 10 MB of text
		const i = await inspect(id);
		expect(i.status).toBe(200);
		expect((i.body.files as { headers: string[] }[])[0].headers).toEqual(['Customer', 'Name']);
		expect(folderBytes(path.join(uploads, id))).toBeLessThan(2 * 1024 * 1024);
	});

	it('copies past LEDGER_MAX_SESSION_DISK_MB are refused with 413 and nothing of them is kept; a preview leaves nothing behind', async () => {
		process.env.LEDGER_MAX_SESSION_DISK_MB = '4';
		try {
			const id = await session({ 'export.csv.gz': gz(1_000_000) }); // 5 MB of text from a few kB
			const p = await preview(id, [customersFrom('export.csv.gz')]);
			expect(p.status).toBe(413);
			expect(p.body.error).toBe("export.csv.gz: this upload's files and the copies their mapping needs would pass 4 MB (LEDGER_MAX_SESSION_DISK_MB)");
			expect(folderBytes(path.join(uploads, id))).toBeLessThan(1024 * 1024);
		} finally {
			delete process.env.LEDGER_MAX_SESSION_DISK_MB;
		}
		const id = await session({ 'export.csv.gz': gz(1000) });
		expect((await preview(id, [customersFrom('export.csv.gz')])).status).toBe(200);
		expect(readdirSync(path.join(uploads, id)).filter((f) => f.startsWith('.preview'))).toEqual([]);
	});

	it('a file sent again, or dropped, takes its copies with it: the next mapping reads what is there now', async () => {
		const id = await session({ 'export.csv.gz': gzipSync(Buffer.from('Customer,Name\nOLD1,x\n')) });
		const first = await preview(id, [customersFrom('export.csv.gz')]);
		expect((first.body.tables as { rows: string[][] }[])[0].rows[0][0]).toBe('OLD1');
		// a chunk past the size announced drops the file (and used to leave its copies), then it arrives anew
		const old = statSync(path.join(uploads, id, 'export.csv.gz')).size;
		const q = new URLSearchParams({ name: 'export.csv.gz', offset: String(old), total: String(old) });
		const url = new URL(`http://127.0.0.1/api/data/uploads/${id}?${q}`);
		const chunked = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(new Uint8Array([120])), c.close()) }); // no content-length
		const over = await call(chunkRoute.PUT({ params: { id }, url, request: new Request(url, { method: 'PUT', body: chunked, duplex: 'half' } as RequestInit) } as never));
		expect(over.status).toBe(413);
		expect(existsSync(path.join(uploads, id, 'export.csv.gz'))).toBe(false);
		expect(existsSync(path.join(uploads, id, '.plain', 'export.csv'))).toBe(false);
		const again = gzipSync(Buffer.from('Customer,Name\nNEW1,y\n'));
		expect((await put(id, 'export.csv.gz', again)).status).toBe(200);
		const second = await preview(id, [customersFrom('export.csv.gz')]);
		expect((second.body.tables as { rows: string[][] }[])[0].rows[0][0]).toBe('NEW1');
	});
});

describe('hostile mapping values and bodies (item 6)', () => {
	it('a date format named like an object property is a 400, not a 500', async () => {
		const id = await session();
		for (const date of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 7, null]) {
			const mapping = { table: 'customers', file: 'export.csv', columns: { customer_id: { kind: 'column', source: { column: 'Customer' }, date } } };
			const p = await preview(id, [mapping]);
			expect(p.status, String(date)).toBe(400);
			expect(p.body.error, String(date)).toMatch(/unknown date format/);
		}
	});

	it('a key named __proto__ is an error like any other unknown key, not dropped', async () => {
		const id = await session();
		const mapping = { table: 'customers', file: 'export.csv', columns: JSON.parse('{"customer_id": {"kind": "column", "source": {"column": "Customer"}}, "__proto__": {"kind": "constant", "value": "x"}}') };
		const p = await preview(id, [mapping]);
		expect(p.status).toBe(400);
		expect(p.body.error).toBe('customers: __proto__ is not a column of customers');
		const a = await call(assumptionsRoute.PUT({ request: new Request('http://127.0.0.1/x', { method: 'PUT', body: '{"values": {"__proto__": {"escalation_cost": 1}}}' }) } as never));
		expect(a.status).toBe(400);
		expect(Object.entries(a.body.fields as object)).toEqual([['__proto__', 'is not an assumption']]);
	});

	it('a JSON body over 64 kB answers 413 before it is read whole, on every JSON route', async () => {
		const id = await session();
		const big = JSON.stringify({ mappings: [], pad: 'x'.repeat(10 * 1024 * 1024) });
		const withLength = post('/x', big);
		const p = await call(previewRoute.POST({ params: { id }, request: withLength } as never));
		expect(p).toMatchObject({ status: 413, body: { error: 'request body is larger than 64 kB' } });
		// no content-length (chunked): cut off while streaming
		const stream = new ReadableStream<Uint8Array>({
			start(c) {
				for (let i = 0; i < 200; i++) c.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
				c.close();
			}
		});
		const chunked = new Request('http://127.0.0.1/x', { method: 'PUT', body: stream, duplex: 'half' } as RequestInit);
		const a = await call(assumptionsRoute.PUT({ request: chunked } as never));
		expect(a).toMatchObject({ status: 413, body: { error: 'request body is larger than 64 kB' } });
		const l = await call(loadRoute.POST({ params: { id }, request: post('/x', big) } as never));
		expect(l.status).toBe(413);
		const s = await call(mappingsRoute.POST({ request: post('/x', big) } as never));
		expect(s.status).toBe(413);
	});
});

describe('the upload folder is the server’s alone (item 4)', () => {
	it('by default lies beside the database file, mode 0700', async () => {
		delete process.env.LEDGER_UPLOAD_DIR;
		const dbDir = path.join(tmp, 'db-home');
		const prev = process.env.LEDGER_DB;
		process.env.LEDGER_DB = path.join(dbDir, 'ledger.duckdb');
		try {
			const root = uploadRoot();
			expect(root).toBe(path.join(dbDir, 'uploads'));
			expect(statSync(root).mode & 0o777).toBe(0o700);
		} finally {
			process.env.LEDGER_DB = prev;
		}
	});

	it('refuses a root that is a link or belongs to someone else, and closes one of ours that others could write to', () => {
		const mine = path.join(tmp, 'open-root');
		mkdirSync(mine, { mode: 0o777 });
		chmodSync(mine, 0o777);
		expect(rootProblem(mine)).toBeNull();
		expect(statSync(mine).mode & 0o777).toBe(0o700);
		const link = path.join(tmp, 'link-root');
		symlinkSync(mine, link);
		expect(rootProblem(link)).toBe('it is a symbolic link');
		const uid = process.getuid!();
		expect(rootProblem(mine, uid + 1)).toBe(`it belongs to another user (uid ${uid}, the server runs as ${uid + 1})`);
		expect(rootProblem(path.join(tmp, 'a[b]'))).toMatch(/glob/);
	});

	it('an upload root that fails the checks stops uploads with a message, and nothing is written there', async () => {
		const target = path.join(tmp, 'elsewhere');
		mkdirSync(target);
		const link = path.join(tmp, 'swapped-root');
		symlinkSync(target, link);
		process.env.LEDGER_UPLOAD_DIR = link;
		const s = await start();
		expect(s.status).toBe(500);
		expect(s.body.error).toMatch(/upload folder failed a safety check/);
		revealsNothing(s.text);
		expect(readdirSync(target)).toEqual([]);
	});

	it('a session folder swapped for a link between two chunks: the next chunk is refused, nothing is written through it', async () => {
		const id = await session({});
		expect((await put(id, 'customers.csv', 'customer_id\n', 0, 20)).status).toBe(200);
		const dir = path.join(uploads, id);
		const target = path.join(tmp, 'planted');
		mkdirSync(target);
		renameSync(dir, path.join(tmp, 'moved-away'));
		symlinkSync(target, dir);
		const r = await put(id, 'customers.csv', 'C1\nC2\nC3\n', 12, 20);
		expect(r.status).toBe(409);
		expect(readdirSync(target)).toEqual([]);
		// and a link in place of a file inside a genuine folder
		const id2 = await session({});
		symlinkSync(path.join(target, 'evil.csv'), path.join(uploads, id2, 'products.csv'));
		const r2 = await put(id2, 'products.csv', 'sku,unit_cost\n');
		expect(r2.status).toBe(409);
		expect(existsSync(path.join(target, 'evil.csv'))).toBe(false);
	});
});

describe('uploads are limited in number, files and bytes (item 5)', () => {
	it('LEDGER_MAX_UPLOADS open uploads at once; the next gets 429; a finished or cancelled one makes room', async () => {
		process.env.LEDGER_MAX_UPLOADS = '2';
		const a = await start();
		const b = await start();
		expect([a.status, b.status]).toEqual([201, 201]);
		const c = await start();
		expect(c.status).toBe(429);
		expect(c.body.error).toMatch(/^2 uploads are open, the most this server takes at once \(LEDGER_MAX_UPLOADS\)/);
		await cancel(a.body.id as string);
		expect((await start()).status).toBe(201);
	});

	it('at most 20 files, and LEDGER_MAX_SESSION_MB for all files of one upload, refused before a byte is written', async () => {
		const id = await session({});
		expect((await put(id, 'f0.csv', 'a\n1\n', 0, 8)).status).toBe(200); // the first half of f0.csv
		for (let i = 1; i < 20; i++) expect((await put(id, `f${i}.csv`, 'a\n1\n')).status).toBe(200);
		const r = await put(id, 'f20.csv', 'a\n1\n');
		expect(r).toMatchObject({ status: 413, body: { error: 'f20.csv: an upload holds at most 20 files' } });
		// a file already there goes on arriving
		expect((await put(id, 'f0.csv', 'b\n2\n', 4, 8)).status).toBe(200);

		process.env.LEDGER_MAX_SESSION_MB = '1';
		const id2 = await session({});
		expect((await put(id2, 'a.csv', 'x'.repeat(600 * 1024))).status).toBe(200);
		const over = await put(id2, 'b.csv', 'y'.repeat(10), 0, 500 * 1024);
		expect(over.status).toBe(413);
		expect(over.body.error).toBe("b.csv: this upload's files would come to 2 MB; the limit is 1 MB per upload (LEDGER_MAX_SESSION_MB)");
		expect(existsSync(path.join(uploads, id2, 'b.csv'))).toBe(false);
	});
});

beforeEach(() => {
	expect(readFileSync(path.join(secretDir, 'secret.csv'), 'utf8')).toBe(SECRET);
});
