/** Loads an upload session through the ingest pipeline on the server's DuckDB instance; reset to the sample. */
import path from 'node:path';
import { getInstance, prepareDerived } from '../db';
import { ingestFiles, ingestFolder, type IngestFile, type IngestOptions, type IngestProgress, type IngestReport } from '../ingest';
import { warmCaches } from '../metrics/warm';
import { freeMemoryForLoad } from '../memory';
import { dropStages } from '../ingest/stage';
import { generateSample } from '../sample/generate';
import { DEFAULT_SEED } from '../sample/params';
import { isTableName, TABLE_NAMES, type TableName } from '$lib/schema';
import { duckdbMemory } from '../limits';
import type { TableMapping } from '$lib/data/mapping';
import { loadMapped } from './mapped-load';
import { createSession, sessionFilePath, sessionFiles, startJob, startLoad, sweepInterrupted, UploadError, type Interrupted, type UploadStatus } from './uploads';

/**
 * The mappings of a request, checked for shape, and for the files they read: each must be one of this
 * upload's own files, named exactly (`files`, the session's list). A name that is not gets a 400 saying
 * so, and nothing is read (issue 19: a mapping could name "../../etc/shadow").
 */
export function parseMappings(raw: unknown, files: readonly string[]): TableMapping[] {
	if (raw === undefined) return [];
	if (!Array.isArray(raw) || raw.length > TABLE_NAMES.length) throw new UploadError(400, `"mappings" must be a list of at most ${TABLE_NAMES.length} table mappings`);
	const own = new Set(files);
	const inUpload = (name: unknown) => {
		if (typeof name !== 'string' || !own.has(name)) throw new UploadError(400, `the file ${JSON.stringify(String(name).slice(0, 100))} is not in this upload`);
	};
	for (const m of raw) {
		if (typeof m !== 'object' || m === null || typeof m.file !== 'string' || typeof m.table !== 'string' || !isTableName(m.table) || typeof m.columns !== 'object' || m.columns === null || Array.isArray(m.columns)) {
			throw new UploadError(400, 'each mapping needs { table, file, columns, lookup? }');
		}
		inUpload(m.file);
		if (m.lookup !== undefined) {
			const l = m.lookup;
			if (typeof l !== 'object' || l === null || typeof l.file !== 'string' || typeof l.on !== 'string' || typeof l.key !== 'string') {
				throw new UploadError(400, 'a joined file needs { file, on, key }');
			}
			inUpload(l.file);
		}
	}
	return raw as TableMapping[];
}

export async function loadUpload(id: string, body: Record<string, unknown>): Promise<UploadStatus> {
	const tables: Record<string, TableName> = {};
	if (body.tables !== undefined) {
		if (typeof body.tables !== 'object' || body.tables === null) throw new UploadError(400, '"tables" must map file names to tables');
		for (const [file, t] of Object.entries(body.tables)) {
			if (typeof t !== 'string' || !isTableName(t)) throw new UploadError(400, `"${file.slice(0, 100)}": "${String(t).slice(0, 50)}" is not a table`);
			tables[file] = t;
		}
	}
	if (body.replaceAll !== undefined && typeof body.replaceAll !== 'boolean') throw new UploadError(400, '"replaceAll" is true or false');
	const replaceAll = body.replaceAll === true;
	const mappings = parseMappings(body.mappings, sessionFiles(id).files.map((f) => f.name));
	const instance = await getInstance();
	const run = (files: IngestFile[], opts: IngestOptions) => {
		freeMemoryForLoad();
		const o = { ...opts, replaceAll };
		if (!mappings.length) return ingestFiles(instance, files, o).then(warmAfter(opts.onProgress));
		// the upload's own files only, by their exact names (a mapping comes from a request)
		const dir = path.dirname(files[0].path);
		return loadMapped(instance, files, mappings, (n) => sessionFilePath(dir, n), { workDir: dir, outDir: path.join(dir, '.canonical') }, o).then(warmAfter(opts.onProgress));
	};
	return startLoad(id, { tables }, run);
}

/** Generates the sample (seed 42, the one `npm start` loads) into a session folder and loads all of it. */
export async function resetToSample(): Promise<UploadStatus> {
	const instance = await getInstance();
	const s = createSession();
	return startJob(s.id, async (dir, onProgress) => {
		onProgress({ table: null, phase: 'reading', fraction: 0 });
		freeMemoryForLoad();
		// inside the server: DuckDB's limit for the server, not the CLI's 3 GB (DESIGN §7)
		await generateSample({ outDir: dir, seed: DEFAULT_SEED, memoryLimit: duckdbMemory() });
		// every table replaced: a table the sample has no file for (shipments) holds nothing of an earlier load
		return ingestFolder(instance, dir, { onProgress, replaceAll: true }).then(warmAfter(onProgress));
	});
}

/**
 * After a load that changed the data, before it reports done: the derived tables are rebuilt (at 10M
 * lines 5–10 s, which the first answer would otherwise wait for on an unresponsive page) and the default
 * views are computed (warm.ts), so the first answer after a load is ready when the load says "done".
 * Neither failing fails the load: the first request then computes what is missing.
 */
function warmAfter(onProgress?: (p: IngestProgress) => void) {
	return async (report: IngestReport): Promise<IngestReport> => {
		if (report.load_id === null) return report;
		onProgress?.({ table: null, phase: 'preparing the dashboard', fraction: 0 });
		try {
			await prepareDerived(await getInstance());
		} catch (e) {
			console.warn('derived tables after a load:', e);
		}
		await warmCaches('a load');
		onProgress?.({ table: null, phase: 'done', fraction: 1 });
		return report;
	};
}

/**
 * At server start: deletes the files of uploads a restart cut short (their status then says so), and, if
 * one was loading, the stage tables its load left in the database (they hold no committed data; the next
 * load would drop them too, but they can be as large as the file). Never throws: a server must start.
 */
export async function cleanUpInterruptedUploads(): Promise<Interrupted[]> {
	let found: Interrupted[] = [];
	try {
		found = sweepInterrupted();
		if (found.some((x) => x.state === 'loading')) {
			const conn = await (await getInstance()).connect();
			try {
				await dropStages(conn);
			} finally {
				conn.closeSync();
			}
		}
		if (found.length) console.warn(`uploads: cleaned up ${found.length} upload${found.length > 1 ? 's' : ''} a restart cut short (${found.map((x) => x.state).join(', ')})`);
	} catch (e) {
		console.error('uploads: cleaning up after a restart failed:', e instanceof Error ? e.message : e);
	}
	return found;
}
