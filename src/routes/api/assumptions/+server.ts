import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireWriteToken } from '$lib/server/assumptions/auth';
import { BadRequest, handle, readJson } from '$lib/server/assumptions/http';
import { assumptionsState } from '$lib/server/assumptions/state';
import { editScenario } from '$lib/server/assumptions/store';

/** The active scenario, its values, the defaults, the field specs and every scenario. */
export const GET: RequestHandler = () => handle(async () => json(await assumptionsState()));

/**
 * Edits a scenario: body `{ values: { channel_cost: { phone: 10 }, … }, scenario?: name }` (a partial
 * edit; default target is the active scenario). 400 with per-field messages when invalid.
 */
export const PUT: RequestHandler = ({ request }) =>
	handle(async () => {
		const denied = requireWriteToken(request);
		if (denied) return denied;
		const body = await readJson(request);
		const unknown = Object.keys(body).filter((k) => k !== 'values' && k !== 'scenario');
		if (unknown.length) throw new BadRequest(`unknown field "${unknown[0]}"; send { values: {...}, scenario?: name }`);
		if (body.values === undefined) throw new BadRequest('missing "values": the assumptions to change');
		const r = await editScenario(body.values, body.scenario === undefined ? undefined : String(body.scenario));
		return json({ ...(await assumptionsState()), edited: r.scenario.name, changes: r.changes });
	});
