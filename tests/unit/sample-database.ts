/**
 * A temporary database loaded with the generated sample, for the tests that check figures on it: created
 * before the file's tests (LEDGER_DB points at it), closed and removed after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { generateSample } from '$lib/server/sample/generate';
import { ingestFolder } from '$lib/server/ingest';
import { closeInstance, getInstance } from '$lib/server/db';

/** Returns the folder (the database file and `sample/` inside), valid once the file's tests run. */
export function useSampleDatabase(prefix: string, scale: number, timeoutMs = 180_000): () => string {
	let dir = '';
	beforeAll(async () => {
		dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
		process.env.LEDGER_DB = path.join(dir, 'ledger.duckdb');
		await generateSample({ outDir: path.join(dir, 'sample'), scale });
		const report = await ingestFolder(await getInstance(), path.join(dir, 'sample'));
		expect(report.refused).toEqual([]);
	}, timeoutMs);
	afterAll(async () => {
		await closeInstance();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});
	return () => dir;
}
