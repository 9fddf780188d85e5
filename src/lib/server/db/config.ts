/**
 * The settings every DuckDB instance of the app opens with (issue 19, item 3): a memory limit and a
 * temp directory of its own, so that no query — a load of a decompressed bomb included — can take the
 * process past DESIGN §7's 3 GB; past its limit DuckDB spills to the temp directory instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { duckdbMemory, SCRATCH_DUCKDB_MEMORY } from '../limits';

/** 'main': the database file the server or the CLI holds; 'scratch': a throwaway in-memory database. */
export type InstanceKind = 'main' | 'scratch';

let privateTemp: string | null = null;

/**
 * Where an in-memory database spills: a private folder (mkdtemp: mode 0700, a name nobody can guess) in
 * the system temp folder, one per process, removed at exit. A database file spills beside itself
 * (`<file>.tmp`, DuckDB's own default, inside the data folder).
 */
function spillDir(file: string): string {
	if (file !== ':memory:') return `${file}.tmp`;
	if (!privateTemp) {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-duckdb-'));
		privateTemp = dir;
		process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
	}
	return path.join(privateTemp, 'spill');
}

export function instanceOptions(file: string, kind: InstanceKind = 'main'): Record<string, string> {
	return {
		threads: kind === 'scratch' ? '1' : String(process.env.LEDGER_THREADS ?? '') || '2',
		memory_limit: kind === 'scratch' ? SCRATCH_DUCKDB_MEMORY : duckdbMemory(),
		temp_directory: spillDir(file)
	};
}
