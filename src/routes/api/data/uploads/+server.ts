import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/data/http';
import { chunkBytes, createSession, maxUploadBytes } from '$lib/server/data/uploads';

/**
 * Starts an upload: answers `{ id, chunk_bytes, max_bytes }`. Then PUT each file to
 * `/api/data/uploads/<id>?name=&offset=&total=` in chunks of at most chunk_bytes, POST
 * `/api/data/uploads/<id>/load`, and poll GET `/api/data/uploads/<id>` for progress and the result.
 */
export const POST: RequestHandler = ({ request }) =>
	guarded(request, () => json({ ...createSession(), chunk_bytes: chunkBytes(), max_bytes: maxUploadBytes() }, { status: 201 }));
