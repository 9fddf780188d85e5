import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireWriteToken } from '$lib/server/assumptions/auth';
import { handle, readJson } from '$lib/server/assumptions/http';
import { assumptionsState } from '$lib/server/assumptions/state';
import { activateScenario } from '$lib/server/assumptions/store';

/** Makes a scenario the active one: body `{ name }`. 404 when there is no such scenario. */
export const POST: RequestHandler = ({ request }) =>
	handle(async () => {
		const denied = requireWriteToken(request);
		if (denied) return denied;
		const body = await readJson(request);
		await activateScenario(body.name);
		return json(await assumptionsState());
	});
