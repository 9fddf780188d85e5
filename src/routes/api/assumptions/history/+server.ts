import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { BadRequest, handle } from '$lib/server/assumptions/http';
import { history } from '$lib/server/assumptions/store';

/** Recorded changes, newest first: `?scenario=` to restrict, `?limit=` (1–5000, default 200). */
export const GET: RequestHandler = ({ url }) =>
	handle(async () => {
		for (const k of url.searchParams.keys()) if (k !== 'scenario' && k !== 'limit') throw new BadRequest(`unknown parameter "${k.slice(0, 50)}"; allowed: scenario, limit`);
		const limitText = url.searchParams.get('limit');
		const limit = limitText === null ? 200 : Number(limitText);
		if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw new BadRequest('"limit" must be a whole number from 1 to 5000');
		const scenario = url.searchParams.get('scenario');
		if (scenario !== null && scenario.length > 200) throw new BadRequest('"scenario" is longer than 200 characters');
		return json({ changes: await history(scenario || null, limit) });
	});
