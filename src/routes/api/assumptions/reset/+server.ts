import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireWriteToken } from '$lib/server/assumptions/auth';
import { handle, readJson } from '$lib/server/assumptions/http';
import { assumptionsState } from '$lib/server/assumptions/state';
import { resetScenario } from '$lib/server/assumptions/store';

/** Puts a scenario back to the default values: body `{ scenario? }` (default: the active one). */
export const POST: RequestHandler = ({ request }) =>
	handle(async () => {
		const denied = requireWriteToken(request);
		if (denied) return denied;
		const body = await readJson(request);
		await resetScenario(body.scenario === undefined ? undefined : String(body.scenario));
		return json(await assumptionsState());
	});
