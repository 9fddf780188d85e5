/** A database made before what-ifs were scenarios (no what_if column) keeps working: the column is added. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeInstance, withConnection } from '../db';
import { createScenario, listScenarios } from './store';

beforeAll(async () => {
	process.env.LEDGER_DB = ':memory:';
	delete process.env.LEDGER_TOKEN;
	// the tables as the previous release created them, with a saved scenario in them
	await withConnection(async (c) => {
		await c.run(`CREATE TABLE scenarios (name VARCHAR PRIMARY KEY, assumptions JSON NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`);
		await c.run(`CREATE TABLE scenario_active (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL)`);
		await c.run(`CREATE TABLE assumption_changes (changed_at TIMESTAMP NOT NULL, scenario VARCHAR NOT NULL, action VARCHAR NOT NULL, key VARCHAR, old_value JSON, new_value JSON)`);
		await c.run(`INSERT INTO scenarios VALUES ('default', '{}', now()::TIMESTAMP, now()::TIMESTAMP), ('Old one', '{"escalation_cost": 40}', now()::TIMESTAMP, now()::TIMESTAMP)`);
		await c.run(`INSERT INTO scenario_active VALUES (1, 'Old one')`);
	});
});
afterAll(() => closeInstance());

describe('scenario tables from an earlier release', () => {
	it('gain the what_if column, keep their scenarios and take what-ifs', async () => {
		const before = await listScenarios();
		expect(before.map((s) => [s.name, s.active, s.what_if])).toEqual([
			['default', false, null],
			['Old one', true, null]
		]);
		await createScenario('Trim 10', undefined, false, { whatif: { mode: 'move', value: -0.1 }, filters: '' });
		const after = await listScenarios();
		expect(after.find((s) => s.name === 'Trim 10')?.what_if).toEqual({ whatif: { mode: 'move', value: -0.1 }, filters: '' });
		expect(after.find((s) => s.name === 'Old one')?.active).toBe(true);
	});
});
