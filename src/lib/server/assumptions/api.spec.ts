/** The /api/assumptions routes end to end on an in-memory database: edit, validate, scenarios, history, token. */
import { afterAll, beforeAll, afterEach, describe, expect, it } from 'vitest';
import { closeInstance } from '../db';
import * as root from '../../../routes/api/assumptions/+server';
import * as scenarios from '../../../routes/api/assumptions/scenarios/+server';
import * as activate from '../../../routes/api/assumptions/activate/+server';
import * as reset from '../../../routes/api/assumptions/reset/+server';
import * as historyRoute from '../../../routes/api/assumptions/history/+server';

beforeAll(() => {
	process.env.LEDGER_DB = ':memory:';
	delete process.env.LEDGER_TOKEN;
});
afterEach(() => {
	delete process.env.LEDGER_TOKEN;
});
afterAll(() => closeInstance());

type Handler = (e: never) => Response | Promise<Response>;
async function call(h: Handler, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
	const url = new URL(`http://x${path}`);
	const request = new Request(url, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
	const res = await h({ url, request } as never);
	return { status: res.status, body: await res.json() };
}

describe('/api/assumptions', () => {
	it('starts with the default scenario and its values', async () => {
		const { status, body } = await call(root.GET, 'GET', '/api/assumptions');
		expect(status).toBe(200);
		expect(body.scenario.name).toBe('default');
		expect(body.values.channel_cost.phone).toBe(8);
		expect(body.values.carrying_rate).toBe(0.25);
		expect(body.defaults).toEqual(body.values);
		expect(body.fields.length).toBeGreaterThan(10);
		expect(body.scenarios).toEqual([expect.objectContaining({ name: 'default', active: true })]);
	});

	it('edits the active scenario and records each changed value', async () => {
		const r = await call(root.PUT, 'PUT', '/api/assumptions', { values: { channel_cost: { phone: 16 }, escalation_cost: 30 } });
		expect(r.status).toBe(200);
		expect(r.body.changes).toBe(2);
		expect(r.body.values.channel_cost).toMatchObject({ phone: 16, email: 6 });
		expect(r.body.values.escalation_cost).toBe(30);
		const h = await call(historyRoute.GET, 'GET', '/api/assumptions/history?scenario=default');
		expect(h.status).toBe(200);
		expect(h.body.changes.map((c: { key: string; old_value: unknown; new_value: unknown; action: string }) => [c.action, c.key, c.old_value, c.new_value]).sort()).toEqual([
			['edit', 'channel_cost.phone', 8, 16],
			['edit', 'escalation_cost', 25, 30]
		]);
		expect(h.body.changes[0].changed_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
	});

	it('answers 400 with a message per field and changes nothing', async () => {
		const r = await call(root.PUT, 'PUT', '/api/assumptions', { values: { channel_cost: { phone: -1 }, fallback_win_rate: 1.5, keywords: 'eta' } });
		expect(r).toEqual({
			status: 400,
			body: {
				error: 'invalid assumptions',
				fields: { 'channel_cost.phone': 'must not be negative', fallback_win_rate: 'must be at most 1', keywords: 'must be a list of words or phrases' }
			}
		});
		expect((await call(root.GET, 'GET', '/api/assumptions')).body.values.channel_cost.phone).toBe(16);
		expect((await call(root.PUT, 'PUT', '/api/assumptions', '{oops')).body).toEqual({ error: 'request body is not valid JSON' });
		expect((await call(root.PUT, 'PUT', '/api/assumptions', { channel_cost: {} })).status).toBe(400);
	});

	it('saves, activates, resets and deletes named scenarios', async () => {
		const c = await call(scenarios.POST, 'POST', '/api/assumptions/scenarios', { name: 'Lean', values: { carrying_components: { capital: 0.2 } } });
		expect(c.status).toBe(201);
		expect(c.body.scenario.name).toBe('default'); // saved, not activated
		expect((await call(scenarios.POST, 'POST', '/api/assumptions/scenarios', { name: 'Lean' })).status).toBe(409);
		expect((await call(scenarios.POST, 'POST', '/api/assumptions/scenarios', { name: '../x' })).status).toBe(400);

		const a = await call(activate.POST, 'POST', '/api/assumptions/activate', { name: 'Lean' });
		expect(a.status).toBe(200);
		expect(a.body.scenario.name).toBe('Lean');
		expect(a.body.values.carrying_rate).toBe(0.35);
		expect(a.body.values.channel_cost.phone).toBe(16); // a copy of the scenario active when it was saved
		expect((await call(activate.POST, 'POST', '/api/assumptions/activate', { name: 'Nope' })).status).toBe(404);

		const r = await call(reset.POST, 'POST', '/api/assumptions/reset', {});
		expect(r.body.values).toEqual(r.body.defaults);
		expect(r.body.scenario.name).toBe('Lean');

		expect((await call(scenarios.DELETE, 'DELETE', '/api/assumptions/scenarios?name=Lean')).status).toBe(409);
		await call(activate.POST, 'POST', '/api/assumptions/activate', { name: 'default' });
		expect((await call(scenarios.DELETE, 'DELETE', '/api/assumptions/scenarios?name=Lean')).status).toBe(200);
		expect((await call(scenarios.GET, 'GET', '/api/assumptions/scenarios')).body.scenarios.map((s: { name: string }) => s.name)).toEqual(['default']);
		const actions = (await call(historyRoute.GET, 'GET', '/api/assumptions/history?scenario=Lean')).body.changes.map((c: { action: string }) => c.action);
		expect(new Set(actions)).toEqual(new Set(['create', 'activate', 'reset', 'delete']));
		expect((await call(historyRoute.GET, 'GET', '/api/assumptions/history?limit=0')).status).toBe(400);
	});

	it('records every value a new scenario starts with, and renames and deletes it', async () => {
		const c = await call(scenarios.POST, 'POST', '/api/assumptions/scenarios', { name: 'CFO 18pct', values: { carrying_components: { capital: 0.18 } } });
		expect(c.status).toBe(201);
		expect(c.body.scenario.name).toBe('default'); // saving never activates
		const h = (await call(historyRoute.GET, 'GET', '/api/assumptions/history?scenario=CFO%2018pct')).body.changes as { action: string; key: string | null; old_value: unknown; new_value: unknown }[];
		const byKey = Object.fromEntries(h.filter((x) => x.key).map((x) => [x.key, [x.old_value, x.new_value]]));
		expect(byKey['carrying_components.capital']).toEqual([null, 0.18]);
		expect(byKey['channel_cost.phone']).toEqual([null, 16]); // copied from the active scenario
		expect(byKey.escalation_cost).toEqual([null, 30]); // the active scenario's edit above
		expect(h.find((x) => x.key === null)).toMatchObject({ action: 'create', new_value: 'default' });

		const r = await call(scenarios.PATCH, 'PATCH', '/api/assumptions/scenarios', { name: 'CFO 18pct', new_name: 'CFO 18' });
		expect(r.status).toBe(200);
		expect(r.body.scenarios.map((s: { name: string }) => s.name)).toEqual(['default', 'CFO 18']);
		const renamedHistory = (await call(historyRoute.GET, 'GET', '/api/assumptions/history?scenario=CFO%2018')).body.changes;
		expect(renamedHistory[0]).toMatchObject({ action: 'rename', old_value: 'CFO 18pct', new_value: 'CFO 18' });
		expect((await call(scenarios.PATCH, 'PATCH', '/api/assumptions/scenarios', { name: 'default', new_name: 'x' })).status).toBe(400);
		expect((await call(scenarios.PATCH, 'PATCH', '/api/assumptions/scenarios', { name: 'Nope', new_name: 'x' })).status).toBe(404);
		expect((await call(scenarios.PATCH, 'PATCH', '/api/assumptions/scenarios', { name: 'CFO 18', new_name: 'default' })).status).toBe(409);

		// renaming the active scenario keeps it active
		await call(activate.POST, 'POST', '/api/assumptions/activate', { name: 'CFO 18' });
		const active = await call(scenarios.PATCH, 'PATCH', '/api/assumptions/scenarios', { name: 'CFO 18', new_name: 'CFO' });
		expect(active.body.scenario.name).toBe('CFO');
		expect(active.body.values.carrying_components.capital).toBe(0.18);
		expect((await call(scenarios.DELETE, 'DELETE', '/api/assumptions/scenarios?name=CFO')).status).toBe(409); // the active one
		expect((await call(scenarios.DELETE, 'DELETE', '/api/assumptions/scenarios?name=default')).status).toBe(400);
		await call(activate.POST, 'POST', '/api/assumptions/activate', { name: 'default' });
		expect((await call(scenarios.DELETE, 'DELETE', '/api/assumptions/scenarios?name=CFO')).status).toBe(200);
	});

	it('saves a what-if as a scenario flagged with it', async () => {
		const whatif = { whatif: { mode: 'move', value: -0.2 }, filters: '?segment=Key' };
		const c = await call(scenarios.POST, 'POST', '/api/assumptions/scenarios', { name: 'Lean 20', whatif });
		expect(c.status).toBe(201);
		const listed = (await call(scenarios.GET, 'GET', '/api/assumptions/scenarios')).body.scenarios;
		expect(listed.find((s: { name: string }) => s.name === 'Lean 20')).toMatchObject({ active: false, what_if: whatif });
		expect(listed.find((s: { name: string }) => s.name === 'default').what_if).toBeNull();
		const bad = await call(scenarios.POST, 'POST', '/api/assumptions/scenarios', { name: 'Bad', whatif: { whatif: { mode: 'move', value: 2 } } });
		expect(bad.status).toBe(400);
		expect((await call(scenarios.DELETE, 'DELETE', '/api/assumptions/scenarios?name=Lean%2020')).status).toBe(200);
	});

	it('requires the bearer token for writes when LEDGER_TOKEN is set', async () => {
		process.env.LEDGER_TOKEN = 's3cret';
		const edit = { values: { escalation_cost: 40 } };
		expect((await call(root.PUT, 'PUT', '/api/assumptions', edit)).status).toBe(401);
		expect((await call(root.PUT, 'PUT', '/api/assumptions', edit, { authorization: 'Bearer wrong' })).status).toBe(401);
		expect((await call(scenarios.POST, 'POST', '/api/assumptions/scenarios', { name: 'X' })).status).toBe(401);
		expect((await call(scenarios.PATCH, 'PATCH', '/api/assumptions/scenarios', { name: 'X', new_name: 'Y' })).status).toBe(401);
		expect((await call(scenarios.DELETE, 'DELETE', '/api/assumptions/scenarios?name=X')).status).toBe(401);
		expect((await call(activate.POST, 'POST', '/api/assumptions/activate', { name: 'default' })).status).toBe(401);
		expect((await call(reset.POST, 'POST', '/api/assumptions/reset', {})).status).toBe(401);
		expect((await call(root.GET, 'GET', '/api/assumptions')).status).toBe(200); // reads stay open
		const ok = await call(root.PUT, 'PUT', '/api/assumptions', edit, { authorization: 'Bearer s3cret' });
		expect(ok.status).toBe(200);
		expect(ok.body.values.escalation_cost).toBe(40);
	});
});
