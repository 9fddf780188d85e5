/**
 * Uploads a server restart cut short: at start the server deletes their files (and a cut-short load's
 * stage tables) and their status says what happened (410), instead of a session that stays "loading".
 * The real restart, with SIGKILL mid-upload and mid-load, is tests/e2e/upload-bad-input.spec.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, getInstance } from '../db';
import { rows } from '../ingest/test-helpers';
import { cleanUpInterruptedUploads } from './load';
import * as chunkRoute from '../../../routes/api/data/uploads/[id]/+server';
import * as sessionRoute from '../../../routes/api/data/uploads/+server';

let root: string;
const id = (n: number) => n.toString(16).padStart(32, 'a');

function session(n: number, marker: object | null, ageMs = 0): string {
	const dir = path.join(root, id(n));
	mkdirSync(dir, { recursive: true });
	writeFileSync(path.join(dir, 'customers.csv'), 'customer_id\nC1\n');
	if (marker) writeFileSync(path.join(dir, '.session.json'), JSON.stringify({ started_at: '2024-05-01T10:00:00.000Z', ...marker }));
	if (ageMs) {
		const t = new Date(Date.now() - ageMs);
		utimesSync(dir, t, t);
	}
	return dir;
}

beforeAll(() => {
	root = mkdtempSync(path.join(os.tmpdir(), 'ledger-restart-'));
	process.env.LEDGER_UPLOAD_DIR = root;
	process.env.LEDGER_DB = ':memory:';
	delete process.env.LEDGER_TOKEN;
});
afterAll(async () => {
	await closeInstance();
	rmSync(root, { recursive: true, force: true });
});

describe('at server start', () => {
	it('deletes the folders of sessions whose server is gone, drops a cut-short load’s stages, and answers 410 for them', async () => {
		const dead = spawnSync(process.execPath, ['-e', '']).pid; // a process that has exited
		expect(dead).toBeGreaterThan(0);
		const sending = session(1, { pid: dead, state: 'uploading' });
		const loading = session(2, { pid: dead, state: 'loading' });
		const otherServer = session(3, { pid: process.ppid, state: 'loading' }); // alive, not us: another server's
		const young = session(4, null); // no marker yet, just made
		const stale = session(5, null, 2 * 60 * 60 * 1000); // no marker, two hours old
		const finished = session(6, { pid: dead, state: 'done' });
		const reusedPid = session(7, { pid: process.pid, state: 'uploading' }); // our pid, but not our session
		const other = path.join(root, 'not-a-session');
		mkdirSync(other);

		const db = await getInstance();
		const c = await db.connect();
		await c.run('CREATE TABLE "__ingest_stage_order_lines" AS SELECT 1 AS half_written');
		c.closeSync();

		const found = await cleanUpInterruptedUploads();
		expect(found.map((x) => [x.id, x.state]).sort()).toEqual([
			[id(1), 'uploading'],
			[id(2), 'loading'],
			[id(7), 'uploading']
		]);
		for (const gone of [sending, loading, stale, finished, reusedPid]) expect(existsSync(gone), gone).toBe(false);
		for (const kept of [otherServer, young, other]) expect(existsSync(kept), kept).toBe(true);
		expect(await rows(db, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%ingest%'`)).toEqual([]);

		const get = async (n: number) => {
			const r = await chunkRoute.GET({ params: { id: id(n) } } as never);
			return { status: r.status, error: ((await r.json()) as { error?: string }).error };
		};
		expect(await get(1)).toEqual({
			status: 410,
			error: 'The server restarted while this upload was being sent: nothing of it was loaded, its files are deleted and every table is as it was. Upload the files again.'
		});
		const l = await get(2);
		expect(l.status).toBe(410);
		expect(l.error).toMatch(/^The server restarted while this upload was loading\. A load is one transaction, so every table holds either all of it or exactly what it held before, never a mix/);
		expect((await get(5)).status).toBe(404); // no marker: nothing to say about it
		// chunks for a cut-short upload are refused the same way
		const url = new URL(`http://127.0.0.1/api/data/uploads/${id(1)}?name=customers.csv&offset=0&total=3`);
		const put = await chunkRoute.PUT({ params: { id: id(1) }, url, request: new Request(url, { method: 'PUT', body: 'a\nb' }) } as never);
		expect(put.status).toBe(410);

		// once per process; new uploads work
		expect(await cleanUpInterruptedUploads()).toEqual([]);
		const s = await sessionRoute.POST({ request: new Request('http://127.0.0.1/api/data/uploads', { method: 'POST' }) } as never);
		expect(s.status).toBe(201);
		const { id: fresh } = (await s.json()) as { id: string };
		expect(existsSync(path.join(root, fresh, '.session.json'))).toBe(true);
	});
});
