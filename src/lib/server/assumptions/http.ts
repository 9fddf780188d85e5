/** Shared plumbing of the /api/assumptions routes: JSON bodies in, typed errors out. */
import { json } from '@sveltejs/kit';
import { BadRequest } from '../http-body';
import { StoreError } from './store';

export { BadRequest, readJson } from '../http-body';

/** Turns an exception from a handler into the JSON answer it stands for. */
export function errorResponse(e: unknown): Response {
	if (e instanceof StoreError) return json({ error: e.message, ...(e.fields ? { fields: e.fields } : {}) }, { status: e.status });
	if (e instanceof BadRequest) return json({ error: e.message }, { status: e.status });
	console.error('assumptions:', e);
	return json({ error: e instanceof Error ? e.message : String(e) }, { status: 500 });
}

/** Runs a handler, answering any failure as JSON. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		return errorResponse(e);
	}
}
