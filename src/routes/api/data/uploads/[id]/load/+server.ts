import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readJson, BadRequest } from '$lib/server/assumptions/http';
import { guarded } from '$lib/server/data/http';
import { loadUpload } from '$lib/server/data/load';
import { UploadError } from '$lib/server/data/uploads';

/**
 * Loads the upload's files through the ingest pipeline, in the background: body `{ mappings? }` where
 * mappings name a saved or given column mapping per file (see $lib/server/data/load.ts). Answers 202 with
 * the status to poll.
 */
export const POST: RequestHandler = ({ params, request }) =>
	guarded(request, async () => {
		let body: Record<string, unknown>;
		try {
			body = await readJson(request);
		} catch (e) {
			if (e instanceof BadRequest) throw new UploadError(400, e.message);
			throw e;
		}
		return json(await loadUpload(params.id, body), { status: 202 });
	});
