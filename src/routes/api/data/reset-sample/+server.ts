import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { guarded } from '$lib/server/data/http';
import { resetToSample } from '$lib/server/data/load';

/**
 * Replaces every table with the generated sample data (the one `npm start` loads on first run): answers
 * 202 with an upload status to poll at GET /api/data/uploads/<id>.
 */
export const POST: RequestHandler = ({ request }) => guarded(request, async () => json(await resetToSample(), { status: 202 }));
