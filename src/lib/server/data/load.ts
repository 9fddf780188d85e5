/** Loads an upload session through the ingest pipeline on the server's DuckDB instance; reset to the sample. */
import { getInstance } from '../db';
import { ingestFiles, ingestFolder } from '../ingest';
import { generateSample } from '../sample/generate';
import { DEFAULT_SEED } from '../sample/params';
import { isTableName, type TableName } from '$lib/schema';
import { createSession, startJob, startLoad, UploadError, type UploadStatus } from './uploads';

export async function loadUpload(id: string, body: Record<string, unknown>): Promise<UploadStatus> {
	const tables: Record<string, TableName> = {};
	if (body.tables !== undefined) {
		if (typeof body.tables !== 'object' || body.tables === null) throw new UploadError(400, '"tables" must map file names to tables');
		for (const [file, t] of Object.entries(body.tables)) {
			if (typeof t !== 'string' || !isTableName(t)) throw new UploadError(400, `"${file.slice(0, 100)}": "${String(t).slice(0, 50)}" is not a table`);
			tables[file] = t;
		}
	}
	const instance = await getInstance();
	return startLoad(id, { tables }, (files, opts) => ingestFiles(instance, files, opts));
}

/** Generates the sample (seed 42, the one `npm start` loads) into a session folder and loads all of it. */
export async function resetToSample(): Promise<UploadStatus> {
	const instance = await getInstance();
	const s = createSession();
	return startJob(s.id, async (dir, onProgress) => {
		onProgress({ table: null, phase: 'reading', fraction: 0 });
		await generateSample({ outDir: dir, seed: DEFAULT_SEED });
		return ingestFolder(instance, dir, { onProgress });
	});
}
