/**
 * Assumption scenarios persisted in DuckDB (DESIGN §5): the active scenario's values, named scenarios,
 * and a change history. Tables are created on first use of each database instance. Writes go through
 * one in-process queue, so two edits never read-modify-write over each other.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { getInstance, readSql, runQuery, withConnection, bindFor, type Params } from '../db';
import { rederiveIfRulesChanged } from '../ingest/derive';
import {
	DEFAULT_ASSUMPTIONS,
	applyEdit,
	diffValues,
	resolveAssumptions,
	valuesFromStored,
	type AssumptionValues,
	type Assumptions,
	type FieldErrors,
	flatten
} from '$lib/metrics/assumptions';
import { checkWhatIfSpec, type WhatIfSpec } from '$lib/capital/whatif';

export const DEFAULT_SCENARIO = 'default';
const SCENARIO_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.\-()&+']{0,59}$/u;

export interface ScenarioInfo {
	name: string;
	created_at: string;
	updated_at: string;
}
/** A scenario as listed: whether it is the active one, and its what-if when it was saved from /capital. */
export interface ListedScenario extends ScenarioInfo {
	active: boolean;
	what_if: WhatIfSpec | null;
}
export interface Scenario extends ScenarioInfo {
	values: AssumptionValues;
	assumptions: Assumptions;
}
export interface Change {
	changed_at: string;
	scenario: string;
	action: string;
	key: string | null;
	old_value: unknown;
	new_value: unknown;
}

/** A failed store operation, with the HTTP status a route should answer. */
export class StoreError extends Error {
	constructor(
		readonly status: 400 | 404 | 409 | 500,
		message: string,
		readonly fields?: FieldErrors
	) {
		super(message);
		this.name = 'StoreError';
	}
}

const ready = new WeakMap<DuckDBInstance, Promise<void>>();
const now = () => new Date().toISOString();

async function run(c: DuckDBConnection, name: string, params: Params = {}): Promise<void> {
	const sql = readSql(`assumptions/${name}`);
	await c.run(sql, bindFor(sql, params));
}

/** Creates the tables and the default scenario if this database has none. Idempotent. */
export async function ensureAssumptionTables(): Promise<void> {
	const inst = await getInstance();
	let p = ready.get(inst);
	if (!p) {
		p = withConnection(async (c) => {
			await run(c, 'tables');
			await run(c, 'seed_default', { name: DEFAULT_SCENARIO, assumptions: JSON.stringify(DEFAULT_ASSUMPTIONS), at: now() });
			await run(c, 'seed_active', { name: DEFAULT_SCENARIO });
		});
		p.catch(() => ready.delete(inst));
		ready.set(inst, p);
	}
	return p;
}

async function read<T>(name: string, params: Params = {}): Promise<T[]> {
	await ensureAssumptionTables();
	const r = await runQuery<T>(`assumptions/${name}`, params);
	if (!r.ok) throw new StoreError(500, `${r.error.query}: ${r.error.message}`);
	return r.rows;
}

interface ScenarioRow extends ScenarioInfo {
	assumptions: string;
}
function toScenario(r: ScenarioRow): Scenario {
	let stored: unknown = null;
	try {
		stored = JSON.parse(r.assumptions);
	} catch {
		// a damaged row falls back to the defaults rather than taking the ledger down
	}
	const values = valuesFromStored(stored);
	return { name: r.name, created_at: r.created_at, updated_at: r.updated_at, values, assumptions: resolveAssumptions(values) };
}

export async function activeScenario(): Promise<Scenario> {
	const rows = await read<ScenarioRow>('active');
	if (rows[0]) return toScenario(rows[0]);
	// the active scenario was deleted behind our back: fall back to the defaults
	const values = structuredClone(DEFAULT_ASSUMPTIONS);
	return { name: DEFAULT_SCENARIO, created_at: '', updated_at: '', values, assumptions: resolveAssumptions(values) };
}

export async function getScenario(name: string): Promise<Scenario | null> {
	const rows = await read<ScenarioRow>('scenario', { name });
	return rows[0] ? toScenario(rows[0]) : null;
}

export async function listScenarios(): Promise<ListedScenario[]> {
	const rows = await read<ScenarioInfo & { active: boolean; what_if: string | null }>('list');
	return rows.map((r) => ({ ...r, what_if: r.what_if === null ? null : parseWhatIf(r.what_if) }));
}

function parseWhatIf(text: string): WhatIfSpec | null {
	try {
		return checkWhatIfSpec(JSON.parse(text));
	} catch {
		return null; // a damaged row lists as a plain scenario rather than failing the list
	}
}

export async function history(scenario: string | null, limit = 200): Promise<Change[]> {
	const rows = await read<Omit<Change, 'old_value' | 'new_value'> & { old_value: string | null; new_value: string | null }>(
		'history',
		{ scenario, limit: Math.max(1, Math.min(5000, Math.floor(limit))) }
	);
	const parse = (s: string | null) => (s === null ? null : JSON.parse(s));
	return rows.map((r) => ({ ...r, old_value: parse(r.old_value), new_value: parse(r.new_value) }));
}

// ---- writes ----

let queue: Promise<unknown> = Promise.resolve();
/** Runs fn in a transaction, after every earlier write has finished. */
function write<T>(fn: (c: DuckDBConnection, at: string) => Promise<T>): Promise<T> {
	const next = queue.then(async () => {
		await ensureAssumptionTables();
		return withConnection(async (c) => {
			await c.run('BEGIN TRANSACTION');
			try {
				const out = await fn(c, now());
				// the backorder rules are assumptions too: derived lines follow the active scenario's
				await rederiveIfRulesChanged(c);
				await c.run('COMMIT');
				return out;
			} catch (e) {
				await c.run('ROLLBACK').catch(() => undefined);
				throw e;
			}
		});
	});
	queue = next.catch(() => undefined);
	return next;
}

export function checkScenarioName(name: unknown): string {
	if (typeof name !== 'string' || !SCENARIO_NAME.test(name.trim())) {
		throw new StoreError(400, 'scenario name must be 1–60 letters, digits, spaces or . _ - ( ) & + \'', {
			name: 'must be 1–60 letters, digits, spaces or . _ - ( ) & + \''
		});
	}
	return name.trim();
}

async function recordDiff(c: DuckDBConnection, at: string, scenario: string, action: string, before: AssumptionValues, after: AssumptionValues) {
	for (const d of diffValues(before, after)) {
		await run(c, 'record_change', {
			at,
			scenario,
			action,
			key: d.key,
			old_value: JSON.stringify(d.old_value),
			new_value: JSON.stringify(d.new_value)
		});
	}
}

/** Applies a partial edit to a scenario (default: the active one); returns it with what changed. */
export async function editScenario(edit: unknown, name?: string): Promise<{ scenario: Scenario; changes: number }> {
	const target = name === undefined ? (await activeScenario()).name : checkScenarioName(name);
	return write(async (c, at) => {
		const current = await getScenario(target);
		if (!current) throw new StoreError(404, `no scenario named "${target}"`);
		const r = applyEdit(current.values, edit);
		if (!r.ok) throw new StoreError(400, 'invalid assumptions', r.errors);
		const changes = diffValues(current.values, r.values).length;
		if (changes) {
			await run(c, 'update_scenario', { name: target, assumptions: JSON.stringify(r.values), at });
			await recordDiff(c, at, target, 'edit', current.values, r.values);
		}
		return { scenario: { ...current, values: r.values, assumptions: resolveAssumptions(r.values), updated_at: changes ? at : current.updated_at }, changes };
	});
}

/** Puts a scenario (default: the active one) back to the default values, recording what changed. */
export async function resetScenario(name?: string): Promise<Scenario> {
	const target = name === undefined ? (await activeScenario()).name : checkScenarioName(name);
	await write(async (c, at) => {
		const current = await getScenario(target);
		if (!current) throw new StoreError(404, `no scenario named "${target}"`);
		await run(c, 'update_scenario', { name: target, assumptions: JSON.stringify(DEFAULT_ASSUMPTIONS), at });
		await recordDiff(c, at, target, 'reset', current.values, DEFAULT_ASSUMPTIONS);
	});
	return (await getScenario(target))!;
}

/**
 * Saves a new named scenario: the given values (a partial edit over the active scenario's), or a copy of
 * the active scenario. 409 when the name is taken. It is not activated unless `activate` says so: saving
 * must not switch every page for everyone (issue 17). `whatIf` marks it as a what-if saved from /capital.
 * The history records the copy's origin and every value it starts with (old: null).
 */
export async function createScenario(nameIn: unknown, edit?: unknown, activate = false, whatIfIn?: unknown): Promise<Scenario> {
	const name = checkScenarioName(nameIn);
	const whatIf = whatIfIn === undefined || whatIfIn === null ? null : checkWhatIfSpec(whatIfIn);
	if (whatIfIn !== undefined && whatIfIn !== null && !whatIf) {
		throw new StoreError(400, 'whatif must be { whatif: { mode: "move" (−0.5..0.5) | "fill" (0..1 exclusive), value }, filters? }');
	}
	const base = await activeScenario();
	const r = applyEdit(base.values, edit ?? {});
	if (!r.ok) throw new StoreError(400, 'invalid assumptions', r.errors);
	await write(async (c, at) => {
		if (await getScenario(name)) throw new StoreError(409, `a scenario named "${name}" already exists`);
		await run(c, 'insert_scenario', { name, assumptions: JSON.stringify(r.values), at, what_if: whatIf ? JSON.stringify(whatIf) : null });
		await run(c, 'record_change', { at, scenario: name, action: 'create', key: null, old_value: null, new_value: JSON.stringify(base.name) });
		if (whatIf) await run(c, 'record_change', { at, scenario: name, action: 'create', key: 'what_if', old_value: null, new_value: JSON.stringify(whatIf) });
		for (const [key, value] of Object.entries(flatten(r.values))) {
			await run(c, 'record_change', { at, scenario: name, action: 'create', key, old_value: null, new_value: JSON.stringify(value) });
		}
		if (activate) await activateIn(c, at, name, base.name);
	});
	return (await getScenario(name))!;
}

/**
 * Renames a scenario (the active one stays active under its new name). The default cannot be renamed:
 * every database seeds one by that name. Its history stays under the old name, with a rename entry
 * (old → new) under both.
 */
export async function renameScenario(nameIn: unknown, newNameIn: unknown): Promise<Scenario> {
	const name = checkScenarioName(nameIn);
	const newName = checkScenarioName(newNameIn);
	if (name === DEFAULT_SCENARIO) throw new StoreError(400, 'the default scenario cannot be renamed');
	if (newName === name) throw new StoreError(400, 'the new name is the same as the old one');
	await write(async (c, at) => {
		if (!(await getScenario(name))) throw new StoreError(404, `no scenario named "${name}"`);
		if (await getScenario(newName)) throw new StoreError(409, `a scenario named "${newName}" already exists`);
		await run(c, 'rename_copy', { name, new_name: newName, at });
		await run(c, 'rename_active', { name, new_name: newName });
		await run(c, 'delete_scenario', { name });
		for (const scenario of [name, newName]) {
			await run(c, 'record_change', { at, scenario, action: 'rename', key: null, old_value: JSON.stringify(name), new_value: JSON.stringify(newName) });
		}
	});
	return (await getScenario(newName))!;
}

async function activateIn(c: DuckDBConnection, at: string, name: string, previous: string) {
	await run(c, 'set_active', { name });
	await run(c, 'record_change', { at, scenario: name, action: 'activate', key: null, old_value: JSON.stringify(previous), new_value: JSON.stringify(name) });
}

export async function activateScenario(nameIn: unknown): Promise<Scenario> {
	const name = checkScenarioName(nameIn);
	const previous = (await activeScenario()).name;
	await write(async (c, at) => {
		if (!(await getScenario(name))) throw new StoreError(404, `no scenario named "${name}"`);
		if (name !== previous) await activateIn(c, at, name, previous);
	});
	return (await getScenario(name))!;
}

/** Deletes a scenario that is neither the default nor the active one. */
export async function deleteScenario(nameIn: unknown): Promise<void> {
	const name = checkScenarioName(nameIn);
	if (name === DEFAULT_SCENARIO) throw new StoreError(400, 'the default scenario cannot be deleted');
	await write(async (c, at) => {
		if (!(await getScenario(name))) throw new StoreError(404, `no scenario named "${name}"`);
		if ((await activeScenario()).name === name) throw new StoreError(409, 'activate another scenario before deleting this one');
		await run(c, 'delete_scenario', { name });
		await run(c, 'record_change', { at, scenario: name, action: 'delete', key: null, old_value: null, new_value: null });
	});
}
