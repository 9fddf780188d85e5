import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readJson } from '$lib/server/http-body';
import { guarded } from '$lib/server/data/http';
import { loadUpload } from '$lib/server/data/load';

/**
 * Loads the upload's files through the ingest pipeline, in the background: body `{ mappings? }` where
 * mappings name a saved or given column mapping per file (see $lib/server/data/load.ts). Answers 202 with
 * the status to poll.
 */
export const POST: RequestHandler = ({ params, request }) =>
	guarded(request, async () => {
		return json(await loadUpload(params.id, await readJson(request)), { status: 202 });
	});
