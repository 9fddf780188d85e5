import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { mappingFiles, toSaved, validateMapping } from '$lib/data/mapping';
import { PRESETS } from '$lib/data/presets';
import { readJson } from '$lib/server/http-body';
import { guarded, uploadErrorResponse } from '$lib/server/data/http';
import { parseMappings } from '$lib/server/data/load';
import { inspectFiles, saveMapping, savedMappings } from '$lib/server/data/mapping';
import { sessionFilePath, sessionFiles, UploadError } from '$lib/server/data/uploads';

/** Saved column mappings (by header signature) and the presets that ship with the app. */
export const GET: RequestHandler = async () => {
	try {
		return json({ saved: await savedMappings(), presets: PRESETS });
	} catch (e) {
		return uploadErrorResponse(e);
	}
};

/**
 * Saves a mapping for the next export of the same shape: body `{ upload, name, mapping }` — the files of
 * the upload give the header signatures it is saved under.
 */
export const POST: RequestHandler = ({ request }) =>
	guarded(request, async () => {
		const body = await readJson(request);
		const { dir, files } = sessionFiles(String(body.upload ?? ''));
		const [mapping] = parseMappings([body.mapping], files.map((f) => f.name));
		const shapes = await inspectFiles(mappingFiles(mapping).map((f) => ({ name: f.file, path: sessionFilePath(dir, f.file), noHeader: f.noHeader })));
		const errors = validateMapping(mapping, Object.fromEntries(shapes.map((s) => [s.name, s.headers])));
		const first = Object.entries(errors)[0];
		if (first) throw new UploadError(400, `${first[0] ? `${first[0]} ` : ''}${first[1]}`);
		const saved = toSaved(String(body.name ?? ''), mapping, shapes);
		await saveMapping(saved);
		return json({ saved: { ...saved, name: String(body.name ?? '').trim() || `${mapping.table} mapping` } }, { status: 201 });
	});
