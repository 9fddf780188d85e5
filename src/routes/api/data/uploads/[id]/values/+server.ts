import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readJson } from '$lib/server/http-body';
import { guarded } from '$lib/server/data/http';
import { columnValues } from '$lib/server/data/mapping';
import { sessionFiles, UploadError } from '$lib/server/data/uploads';

/**
 * The distinct values of one column of an uploaded file, most frequent first, with their row counts
 * (the first 100) and how many there are: body `{ file, column, noHeader? }`. For a value map.
 */
export const POST: RequestHandler = ({ params, request }) =>
	guarded(request, async () => {
		const body = await readJson(request);
		const { dir } = sessionFiles(params.id);
		if (typeof body.file !== 'string' || typeof body.column !== 'string') throw new UploadError(400, 'send { file, column }');
		if (body.noHeader !== undefined && typeof body.noHeader !== 'boolean') throw new UploadError(400, '"noHeader" is true or false');
		return json(await columnValues(dir, body.file, body.column, body.noHeader === true));
	});
