/** Reading a JSON request body for every API route: bounded while it is read, errors with their status. */

/** A request the server refuses as sent: 400, or 413 for a body over the limit. */
export class BadRequest extends Error {
	constructor(
		message: string,
		readonly status: 400 | 413 = 400
	) {
		super(message);
		this.name = 'BadRequest';
	}
}

/** The largest JSON body a route reads (assumption edits, mappings): far above any real one. */
export const MAX_JSON_BODY = 64 * 1024;

const tooLarge = () => new BadRequest(`request body is larger than ${MAX_JSON_BODY / 1024} kB`, 413);

/**
 * The request's JSON object; an empty body reads as {}. The body is read in pieces and dropped at the
 * limit (a 10 MB body costs 64 kB, not 10 MB, and answers 413, not 500); adapter-node's own body limit
 * (BODY_SIZE_LIMIT) answers 413 the same way.
 */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > MAX_JSON_BODY) throw tooLarge();
	const chunks: Uint8Array[] = [];
	let size = 0;
	if (request.body) {
		const reader = request.body.getReader();
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				size += value.byteLength;
				if (size > MAX_JSON_BODY) throw tooLarge();
				chunks.push(value);
			}
		} catch (e) {
			if (e instanceof BadRequest) throw e;
			if ((e as { status?: number })?.status === 413) throw tooLarge();
			throw new BadRequest(`the request body could not be read: ${e instanceof Error ? e.message : String(e)}`);
		} finally {
			reader.cancel().catch(() => {});
		}
	}
	const text = Buffer.concat(chunks).toString('utf8');
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
