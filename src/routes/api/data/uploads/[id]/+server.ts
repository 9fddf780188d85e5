import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { guarded, uploadErrorResponse } from '$lib/server/data/http';
import { dropSession, receiveChunk, sessionStatus } from '$lib/server/data/uploads';

/** The upload's state: files received, load progress, and the load report when done. */
export const GET: RequestHandler = ({ params }) => {
	try {
		return json(sessionStatus(params.id), { headers: { 'cache-control': 'no-store' } });
	} catch (e) {
		return uploadErrorResponse(e);
	}
};

/** One chunk of one file, as the raw request body: `?name=<file name>&offset=<byte>&total=<file size>`. */
export const PUT: RequestHandler = ({ params, request, url }) =>
	guarded(request, async () => {
		const len = request.headers.get('content-length');
		const file = await receiveChunk(
			params.id,
			url.searchParams.get('name'),
			Number(url.searchParams.get('offset') ?? 0),
			Number(url.searchParams.get('total')),
			request.body,
			len === null ? null : Number(len)
		);
		return json(file);
	});

/** Abandons an upload: its files are deleted, nothing is loaded. */
export const DELETE: RequestHandler = ({ params, request }) =>
	guarded(request, () => {
		dropSession(params.id);
		return json({ ok: true });
	});
