/** Shared plumbing of the /api/assumptions routes: JSON bodies in, typed errors out. */
import { json } from '@sveltejs/kit';
import { StoreError } from './store';

const MAX_BODY = 64 * 1024;

export class BadRequest extends Error {}

/** The request's JSON body; an empty body reads as {}. */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
	const text = await request.text();
	if (text.length > MAX_BODY) throw new BadRequest(`request body is larger than ${MAX_BODY / 1024} kB`);
	if (!text.trim()) return {};
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new BadRequest('request body is not valid JSON');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('request body must be a JSON object');
	return body as Record<string, unknown>;
}

/** Turns an exception from a handler into the JSON answer it stands for. */
export function errorResponse(e: unknown): Response {
	if (e instanceof StoreError) return json({ error: e.message, ...(e.fields ? { fields: e.fields } : {}) }, { status: e.status });
	if (e instanceof BadRequest) return json({ error: e.message }, { status: 400 });
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
