import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/data/http';
import { inspectFiles, suggestMappings } from '$lib/server/data/mapping';
import { sessionFilePath, sessionFiles } from '$lib/server/data/uploads';

/**
 * The uploaded files: their columns with sample rows and header signature, and the mappings a saved one
 * (or a shipped preset, e.g. SAP EPM) suggests for them — also for a file whose name is a table's but
 * whose columns are an export's (SAP's Products.csv).
 */
export const POST: RequestHandler = ({ params, request }) =>
	guarded(request, async () => {
		const { dir, files } = sessionFiles(params.id);
		const shapes = await inspectFiles(files.map((f) => ({ name: f.name, path: sessionFilePath(dir, f.name), optional: f.table !== null })));
		return json({ files: shapes, suggestions: await suggestMappings(shapes) });
	});
