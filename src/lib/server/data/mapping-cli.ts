/**
 * `npm run ingest -- --mapping <file.json> <folder>` (issue 14, item 3): a saved mapping — the JSON the
 * Data page downloads — applied to the exports in a folder, for scheduled loads. The files are matched
 * the way the upload matches them (by saved name, else by header signature) and loaded through the
 * upload's own path (mapped-load.ts).
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applySaved, parseMappingFile, type SavedMapping, type TableMapping } from '$lib/data/mapping';
import { tableForFileName } from '../ingest/discover';
import type { IngestOptions, IngestReport } from '../ingest/types';
import { loadMapped } from './mapped-load';
import { inspectFiles } from './mapping';
import { ACCEPTED } from './uploads';

function readMappingFile(file: string): SavedMapping[] {
	try {
		return parseMappingFile(JSON.parse(readFileSync(file, 'utf8')));
	} catch (e) {
		throw new Error(`the mapping file ${file} cannot be used: ${e instanceof Error ? e.message : String(e)}`);
	}
}

/** Why a saved mapping found no file: what it needs. */
function noFile(s: SavedMapping, folder: string): string {
	const columns = Number(s.signature.split('-')[0]) || '?';
	const like = s.file ? ` like ${s.file}` : '';
	return `the mapping "${s.name}" (${s.table}) matches no file in ${folder}: it needs a file${like} with the same ${columns} columns${s.noHeader ? ' (no header row)' : ''}${s.lookup ? `, and one like ${s.lookup.file ?? 'its joined file'} to join` : ''}`;
}

export async function ingestWithMappingFile(instance: DuckDBInstance, folder: string, mappingFile: string, opts: IngestOptions): Promise<IngestReport> {
	const saved = readMappingFile(mappingFile);
	const st = statSync(folder, { throwIfNoEntry: false });
	if (!st) throw new Error(`folder not found: ${folder}`);
	if (!st.isDirectory()) throw new Error(`not a folder: ${folder}`);
	const names = readdirSync(folder, { withFileTypes: true })
		.filter((e) => !e.name.startsWith('.') && (e.isFile() || (e.isSymbolicLink() && statSync(path.join(folder, e.name), { throwIfNoEntry: false })?.isFile())))
		// the mapping file itself may sit beside the exports
		.filter((e) => path.resolve(folder, e.name) !== path.resolve(mappingFile))
		.map((e) => e.name)
		.sort();
	const workDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-mapping-'));
	try {
		// every data file is looked at; one that cannot be read is only a problem if a mapping needs it
		const shapes = await inspectFiles(
			names.filter((n) => ACCEPTED.test(n)).map((name) => ({ name, path: path.join(folder, name), optional: true })),
			workDir
		);
		const mappings: TableMapping[] = saved.map((s) => {
			const m = applySaved(s, shapes);
			if (!m) throw new Error(noFile(s, folder));
			return m;
		});
		const files = names.map((name) => ({ path: path.join(folder, name), originalName: name, ...(tableForFileName(name) ? { table: tableForFileName(name)! } : {}) }));
		const resolve = (name: string) => {
			if (!names.includes(name)) throw new Error(`${name} is not in ${folder}`);
			return path.join(folder, name);
		};
		return await loadMapped(instance, files, mappings, resolve, { workDir, outDir: path.join(workDir, 'canonical') }, opts);
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
}
