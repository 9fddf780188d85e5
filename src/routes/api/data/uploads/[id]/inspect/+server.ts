import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readJson } from '$lib/server/http-body';
import { guarded } from '$lib/server/data/http';
import { inspectUpload } from '$lib/server/data/mapping';
import { parseMappingFile, type SavedMapping } from '$lib/data/mapping';
import { sessionFilePath, sessionFiles, UploadError } from '$lib/server/data/uploads';

/**
 * The uploaded files: their columns with sample rows and header signature, and the mappings a saved one
 * (or a shipped preset, e.g. SAP EPM) gives them, or that their header names and values suggest — also
 * for a file whose name is a table's but whose columns are an export's (SAP's Products.csv). Body
 * (optional) `{ headerless: [file names], saved: <a mapping file> }`: files without a header row, read
 * as "Column 1", …; the mappings of a downloaded mapping file, tried first.
 */
export const POST: RequestHandler = ({ params, request }) =>
	guarded(request, async () => {
		const body = await readJson(request);
		const { dir, files } = sessionFiles(params.id);
		const raw = body.headerless;
		if (raw !== undefined && !(Array.isArray(raw) && raw.every((x) => typeof x === 'string'))) throw new UploadError(400, '"headerless" is a list of file names');
		const headerless = new Set((raw as string[] | undefined) ?? []);
		let given: SavedMapping[] = [];
		if (body.saved !== undefined) {
			try {
				given = parseMappingFile(body.saved);
			} catch (e) {
				throw new UploadError(400, `the mapping file cannot be used: ${e instanceof Error ? e.message : String(e)}`);
			}
		}
		const list = files.map((f) => ({ name: f.name, path: sessionFilePath(dir, f.name), optional: f.table !== null, noHeader: headerless.has(f.name) }));
		return json(await inspectUpload(list, given));
	});
