/**
 * Answers kept in the database file: computed once, served from the file after a restart (the in-memory
 * answers forgotten), never across data versions or code, never when JSON would change them or the
 * caller says the answer carries a passing failure; old data's answers are deleted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from './db';
import { answerKey, answersWritten, canonicalJson, forgetAnswers, setKeepLimits, storedAnswer } from './answer-store';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-answers-'));
	process.env.LEDGER_DB = path.join(dir, 'ledger.duckdb');
});
afterAll(async () => {
	await closeInstance();
	rmSync(dir, { recursive: true, force: true });
});

const kept = async () =>
	(await withConnection((c) => c.runAndReadAll('SELECT version, key FROM derived.answers ORDER BY made'))).getRowObjectsJson() as { version: string; key: string }[];

/** a computation that counts its calls */
function counter<T>(value: T) {
	const f = async () => {
		f.calls++;
		return value;
	};
	f.calls = 0;
	return f;
}

describe('kept answers', () => {
	it('are computed once, then read from the file after a restart, marked by fromFile', async () => {
		const make = counter({ total: 1234.5, rows: [{ a: 1, b: null }], label: 'x' });
		const fromFile = (v: { total: number }, ms: number) => ({ ...v, from_file: ms >= 0 });
		expect(await storedAnswer('t', 'v1', [{ from: '2025-01-01' }], make, { fromFile })).toEqual({ total: 1234.5, rows: [{ a: 1, b: null }], label: 'x' });
		await answersWritten();
		expect(make.calls).toBe(1);
		// in memory: no second computation, no read
		await storedAnswer('t', 'v1', [{ from: '2025-01-01' }], make, { fromFile });
		expect(make.calls).toBe(1);

		forgetAnswers();
		await closeInstance();
		const again = await storedAnswer('t', 'v1', [{ from: '2025-01-01' }], make, { fromFile });
		expect(make.calls).toBe(1);
		expect(again).toEqual({ total: 1234.5, rows: [{ a: 1, b: null }], label: 'x', from_file: true });
	});

	it('say so when found in memory: a repeat, or a request that waited for the same computation', async () => {
		forgetAnswers();
		const make = counter({ total: 1 });
		const fromMemory = (v: { total: number }, ms: number) => ({ ...v, cached: ms >= 0 });
		const [first, waited] = await Promise.all([
			storedAnswer('m', 'v1', ['q'], make, { fromMemory }),
			storedAnswer('m', 'v1', ['q'], make, { fromMemory })
		]);
		expect(first).toEqual({ total: 1 });
		expect(waited).toEqual({ total: 1, cached: true });
		expect(await storedAnswer('m', 'v1', ['q'], make, { fromMemory })).toEqual({ total: 1, cached: true });
		expect(make.calls).toBe(1);
		await answersWritten();
	});

	it('are another question under other data, other parameters or another kind', async () => {
		const make = counter(7);
		await storedAnswer('t', 'v2', [{ from: '2025-01-01' }], make);
		await storedAnswer('t', 'v1', [{ from: '2025-02-01' }], make);
		await storedAnswer('u', 'v1', [{ from: '2025-01-01' }], make);
		expect(make.calls).toBe(3);
		await answersWritten();
	});

	it('key a question by its content, not the order of its keys', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
		expect(answerKey('t', [{ a: 1, b: 2 }])).toBe(answerKey('t', [{ b: 2, a: 1 }]));
		expect(answerKey('t', [{ a: 1 }])).not.toBe(answerKey('t', [{ a: 2 }]));
		expect(answerKey('t', [{ a: 1 }])).not.toBe(answerKey('u', [{ a: 1 }]));
	});

	it('keep nothing JSON would change, nor what the caller refuses', async () => {
		forgetAnswers();
		const infinite = counter({ ratio: Infinity });
		expect(await storedAnswer('t', 'v3', ['inf'], infinite)).toEqual({ ratio: Infinity });
		const refused = counter({ fill: 'failed' });
		await storedAnswer('t', 'v3', ['refused'], refused, { keep: () => false });
		await answersWritten();
		forgetAnswers();
		await storedAnswer('t', 'v3', ['inf'], infinite);
		await storedAnswer('t', 'v3', ['refused'], refused, { keep: () => false });
		expect([infinite.calls, refused.calls]).toEqual([2, 2]);
		// a computation that fails is not kept either: the next request tries again
		let n = 0;
		const failing = async () => {
			if (n++ === 0) throw new Error('database busy');
			return 1;
		};
		await expect(storedAnswer('t', 'v3', ['fails'], failing)).rejects.toThrow('database busy');
		expect(await storedAnswer('t', 'v3', ['fails'], failing)).toBe(1);
	});

	it('of data no longer loaded are deleted by the next write', async () => {
		await answersWritten();
		expect((await kept()).map((r) => r.version)).toContain('v3');
		await storedAnswer('t', 'v4', ['new data'], counter(1));
		await answersWritten();
		expect((await kept()).map((r) => r.version)).toEqual(['v4']);
	});

	it('of the current data are the newest, within a count and a total size', async () => {
		setKeepLimits({ keep: 400, totalBytes: 250, pruneEvery: 1 });
		try {
			for (const name of ['a', 'b', 'c']) {
				await storedAnswer('t', 'v5', [name], counter('x'.repeat(98))); // 100 bytes of JSON each
				await answersWritten();
			}
			// 300 bytes asked for 250: the oldest goes
			expect((await kept()).map((r) => r.key)).toEqual([answerKey('t', ['b']), answerKey('t', ['c'])]);
			setKeepLimits({ keep: 1 });
			await storedAnswer('t', 'v5', ['d'], counter('y'));
			await answersWritten();
			expect((await kept()).map((r) => r.key)).toEqual([answerKey('t', ['d'])]);
		} finally {
			setKeepLimits({ keep: 400, totalBytes: 256_000_000, pruneEvery: 50 });
		}
	});
});
