import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readJson } from '$lib/server/http-body';
import { getInstance } from '$lib/server/db';
import { guarded } from '$lib/server/data/http';
import { parseMappings } from '$lib/server/data/load';
import { activeNullTokens } from '$lib/server/data/mapped-load';
import { previewMappings } from '$lib/server/data/mapping';
import { sessionFiles, UploadError } from '$lib/server/data/uploads';

/**
 * Validates mappings on a preview: body `{ mappings }`; builds the first 500 rows of each table and loads
 * them into a throwaway database. Answers per table the first rows as they would load, what would load
 * or be rejected, the ingest's notes (date formats detected, repeated keys folded), and what the
 * mapping cannot provide. Nothing is changed.
 */
export const POST: RequestHandler = ({ params, request }) =>
	guarded(request, async () => {
		const body = await readJson(request);
		const { dir, files } = sessionFiles(params.id);
		const mappings = parseMappings(body.mappings, files.map((f) => f.name));
		if (!mappings.length) throw new UploadError(400, 'send { mappings: [...] } to preview');
		return json({ tables: await previewMappings(mappings, dir, await activeNullTokens(await getInstance())) });
	});
