import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireWriteToken } from '$lib/server/assumptions/auth';
import { BadRequest, handle, readJson } from '$lib/server/assumptions/http';
import { assumptionsState } from '$lib/server/assumptions/state';
import { createScenario, deleteScenario, listScenarios, renameScenario } from '$lib/server/assumptions/store';

export const GET: RequestHandler = () => handle(async () => json({ scenarios: await listScenarios() }));

/**
 * Saves a named scenario: body `{ name, values?, whatif?, activate? }`. Without values it copies the
 * active scenario; with values they edit a copy of it. It is not activated unless `activate: true` is
 * sent (activation is an explicit choice: it changes every page for everyone). `whatif` saves a /capital
 * what-if as a scenario. 409 when the name is taken.
 */
export const POST: RequestHandler = ({ request }) =>
	handle(async () => {
		const denied = requireWriteToken(request);
		if (denied) return denied;
		const body = await readJson(request);
		const unknown = Object.keys(body).filter((k) => !['name', 'values', 'whatif', 'activate'].includes(k));
		if (unknown.length) throw new BadRequest(`unknown field "${unknown[0]}"; send { name, values?, whatif?, activate? }`);
		const s = await createScenario(body.name, body.values, body.activate === true, body.whatif);
		return json({ ...(await assumptionsState()), created: s.name }, { status: 201 });
	});

/** Deletes a scenario: `?name=`. Neither the default nor the active one. */
export const DELETE: RequestHandler = ({ request, url }) =>
	handle(async () => {
		const denied = requireWriteToken(request);
		if (denied) return denied;
		await deleteScenario(url.searchParams.get('name'));
		return json(await assumptionsState());
	});

/** Renames a scenario: body `{ name, new_name }`. Not the default; 409 when the new name is taken. */
export const PATCH: RequestHandler = ({ request }) =>
	handle(async () => {
		const denied = requireWriteToken(request);
		if (denied) return denied;
		const body = await readJson(request);
		const unknown = Object.keys(body).filter((k) => !['name', 'new_name'].includes(k));
		if (unknown.length) throw new BadRequest(`unknown field "${unknown[0]}"; send { name, new_name }`);
		const s = await renameScenario(body.name, body.new_name);
		return json({ ...(await assumptionsState()), renamed: s.name });
	});
