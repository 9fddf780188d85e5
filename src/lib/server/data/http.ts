/** Shared plumbing of the /api/data routes: write access, JSON errors. */
import { json } from '@sveltejs/kit';
import { requireWriteToken } from '../assumptions/auth';
import { BadRequest } from '../http-body';
import { scrubPaths, UploadError } from './uploads';

export { requireWriteToken };

export function uploadErrorResponse(e: unknown): Response {
	if (e instanceof UploadError || e instanceof BadRequest) return json({ error: e.message }, { status: e.status });
	console.error('data:', e);
	return json({ error: scrubPaths(e instanceof Error ? e.message : String(e)) }, { status: 500 });
}

export async function guarded(request: Request, fn: () => Promise<Response> | Response): Promise<Response> {
	const denied = requireWriteToken(request);
	if (denied) return denied;
	try {
		return await fn();
	} catch (e) {
		return uploadErrorResponse(e);
	}
}
