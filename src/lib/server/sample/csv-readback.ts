/**
 * For the generator's tests: reads a sample folder's CSV files back into an in-memory DuckDB, as an
 * outside reader would (read_csv with type sniffing), so checks run on the files, not on the generator's
 * internal tables.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { instanceOptions } from '../db/config';
import { TABLE_NAMES } from '../../schema';

export interface Readback {
	c: DuckDBConnection;
	rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
	one<T = Record<string, unknown>>(sql: string): Promise<T>;
	close(): void;
}

export async function readBack(dir: string): Promise<Readback> {
	const inst = await DuckDBInstance.create(':memory:', instanceOptions(':memory:'));
	const c = await inst.connect();
	for (const t of TABLE_NAMES) {
		if (!existsSync(path.join(dir, `${t}.csv`))) continue; // the optional shipments, in the recorded shape
		const f = path.join(dir, `${t}.csv`).replaceAll("'", "''");
		await c.run(`CREATE TABLE ${t} AS SELECT * FROM read_csv('${f}', header = true, sample_size = -1)`);
	}
	const rows = async <T>(sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJson() as T[];
	return {
		c,
		rows,
		one: async <T>(sql: string) => (await rows<T>(sql))[0],
		close: () => {
			c.closeSync();
			inst.closeSync();
		}
	};
}
