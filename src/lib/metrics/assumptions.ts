/**
 * DESIGN §5: the default assumptions as typed data, each with its unit and note, and the validation an
 * edit must pass. The assumptions page, the methodology page, the API and the cost model all read these
 * definitions, so what is shown is what is computed. Pure module, safe in the browser.
 */
import { CHANNELS, type Channel } from '../schema';
import { DEFAULT_KEYWORDS, normaliseKeywords } from './keywords';

export const CARRYING_COMPONENTS = ['capital', 'storage', 'obsolescence', 'shrinkage', 'insurance'] as const;
export type CarryingComponent = (typeof CARRYING_COMPONENTS)[number];

/** What a scenario stores. `carrying_rate` is not stored: it is the sum of its builder components. */
export interface AssumptionValues {
	currency: string;
	channel_cost: Record<Channel, number>;
	escalation_cost: number;
	default_minutes: Record<Channel, number>;
	sales_loaded_rate: number;
	margin_per_selling_hour: number;
	carrying_components: Record<CarryingComponent, number>;
	keywords: string[];
	wallet_window_months: number;
	baseline_days: number;
	fallback_gross_margin: number;
	fallback_win_rate: number;
	min_decided_opportunities: number;
	/** §2.1: days after the order date within which a shipment counts as "from stock" */
	ship_grace_days: number;
	/** §2.1: an unshipped remainder older than this (and no line status) counts as cancelled */
	open_after_days: number;
	/** §2.1: cell values read as empty in optional columns (compared without case) */
	null_tokens: string[];
}

/** The values the cost model uses: the stored ones plus what is derived from them. */
export interface Assumptions extends AssumptionValues {
	carrying_rate: number;
}

export const DEFAULT_ASSUMPTIONS: AssumptionValues = {
	currency: 'USD',
	channel_cost: { phone: 8, email: 6, chat: 4, portal: 0.1, visit: 60, other: 8 },
	escalation_cost: 25,
	default_minutes: { phone: 15, email: 10, chat: 10, portal: 5, visit: 90, other: 20 },
	sales_loaded_rate: 75,
	margin_per_selling_hour: 150,
	carrying_components: { capital: 0.1, storage: 0.05, obsolescence: 0.06, shrinkage: 0.02, insurance: 0.02 },
	keywords: [...DEFAULT_KEYWORDS],
	wallet_window_months: 6,
	baseline_days: 90,
	fallback_gross_margin: 0.3,
	fallback_win_rate: 0.3,
	min_decided_opportunities: 20,
	ship_grace_days: 2,
	open_after_days: 180,
	null_tokens: ['null', 'n/a', 'na', '-', 'none', '(blank)']
};

type Kind = 'money' | 'rate' | 'minutes' | 'integer' | 'keywords' | 'tokens' | 'currency';
export interface AssumptionField {
	key: keyof AssumptionValues;
	label: string;
	kind: Kind;
	unit: string;
	note: string;
	/** for map-valued fields: the keys, in display order */
	keys?: readonly string[];
	min?: number;
	max?: number;
}

export const ASSUMPTION_FIELDS: readonly AssumptionField[] = [
	{ key: 'channel_cost', label: 'Cost per service contact', kind: 'money', unit: 'currency per contact', keys: CHANNELS, min: 0, note: 'live-channel average ≈ $8 per contact' },
	{ key: 'escalation_cost', label: 'Escalation cost', kind: 'money', unit: 'currency per escalated contact', min: 0, note: 'added to the channel cost of an escalated contact' },
	{ key: 'default_minutes', label: 'Default sales minutes', kind: 'minutes', unit: 'minutes per contact', keys: CHANNELS, min: 0, max: 24 * 60, note: 'used when a sales contact has no minutes recorded' },
	{ key: 'sales_loaded_rate', label: 'Sales loaded rate', kind: 'money', unit: 'currency per hour', min: 0, note: 'fully loaded cost of an hour of sales time' },
	{ key: 'margin_per_selling_hour', label: 'Margin per selling hour', kind: 'money', unit: 'currency per hour', min: 0, note: 'opportunity cost of an hour not selling' },
	{ key: 'carrying_components', label: 'Carrying rate builder', kind: 'rate', unit: 'share of inventory value per year', keys: CARRYING_COMPONENTS, min: 0, max: 1, note: 'carrying_rate is the sum of the components (default 0.25)' },
	{ key: 'keywords', label: 'Backorder keywords', kind: 'keywords', unit: 'words or phrases', note: 'whole word or phrase, case-insensitive, in a contact’s reason or note or an opportunity’s loss reason or note' },
	{ key: 'wallet_window_months', label: 'Wallet window', kind: 'integer', unit: 'months', min: 1, max: 24, note: 'months before and after the first backorder compared by the share-of-wallet estimate' },
	{ key: 'baseline_days', label: 'Baseline window', kind: 'integer', unit: 'days', min: 1, max: 3660, note: 'holding baseline = mean inventory value over the snapshots of the first N days of snapshots' },
	{ key: 'fallback_gross_margin', label: 'Fallback gross margin', kind: 'rate', unit: 'share', min: 0, max: 1, note: 'used when the period’s gross margin cannot be computed' },
	{ key: 'fallback_win_rate', label: 'Fallback win rate', kind: 'rate', unit: 'share', min: 0, max: 1, note: 'used when fewer than the minimum number of opportunities are decided' },
	{ key: 'min_decided_opportunities', label: 'Decided opportunities for a win rate', kind: 'integer', unit: 'opportunities', min: 0, max: 1_000_000, note: 'won + lost needed before the period’s own win rate is used' },
	{ key: 'ship_grace_days', label: 'Shipping grace', kind: 'integer', unit: 'days', min: 0, max: 365, note: 'a line not shipped within this many days of its order date counts as backordered, when backorders are derived from shipments; a line shipped this much after its promised date counts as late, when inferred from dates' },
	{ key: 'open_after_days', label: 'Open backorder age limit', kind: 'integer', unit: 'days', min: 1, max: 3650, note: 'an unshipped remainder older than this, with no line status, counts as cancelled (derived backorders)' },
	{ key: 'null_tokens', label: 'Null tokens', kind: 'tokens', unit: 'cell values', note: 'read as empty in optional columns of the files you load (compared without case); applies to the next load' },
	{ key: 'currency', label: 'Currency', kind: 'currency', unit: 'ISO 4217 code', note: 'all money is in this currency’s units' }
];

export const MAX_NULL_TOKENS = 50;

/** Null tokens as the loader compares them: trimmed, lower-case, each once (an empty list is allowed). */
export function normaliseTokens(tokens: readonly string[]): string[] {
	const out: string[] = [];
	for (const t of tokens) {
		const n = t.trim().toLowerCase();
		if (n && !out.includes(n)) out.push(n);
	}
	return out;
}

export const MAX_KEYWORDS = 200;
export const MAX_KEYWORD_LENGTH = 100;

export function carryingRate(v: Pick<AssumptionValues, 'carrying_components'>): number {
	// rounded so 0.1+0.05+… prints as 0.25, not 0.25000000000000006
	const sum = CARRYING_COMPONENTS.reduce((s, k) => s + v.carrying_components[k], 0);
	return Math.round(sum * 1e12) / 1e12;
}

export function resolveAssumptions(v: AssumptionValues): Assumptions {
	return { ...v, carrying_rate: carryingRate(v) };
}

export type FieldErrors = Record<string, string>;
export type Validation = { ok: true; values: AssumptionValues } | { ok: false; errors: FieldErrors };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function checkNumber(x: unknown, f: AssumptionField): string | null {
	if (typeof x !== 'number' || !Number.isFinite(x)) return 'must be a number';
	if (f.kind === 'integer' && !Number.isInteger(x)) return 'must be a whole number';
	if (f.min !== undefined && x < f.min) return f.min === 0 ? 'must not be negative' : `must be at least ${f.min}`;
	if (f.max !== undefined && x > f.max) return `must be at most ${f.max}`;
	return null;
}

/**
 * Applies a partial edit to a full set of values and validates the result. Unknown keys are errors, so a
 * typo cannot silently do nothing. Errors are keyed by path (`channel_cost.phone`).
 */
export function applyEdit(base: AssumptionValues, edit: unknown): Validation {
	// a null prototype: an edit naming "__proto__" must be an error like any other unknown key, and
	// errors["__proto__"] = … on a plain object sets nothing
	const errors: FieldErrors = Object.create(null);
	if (!isObject(edit)) return { ok: false, errors: { '': 'assumptions must be an object' } };
	const next = structuredClone(base) as unknown as Record<string, unknown>;
	for (const [key, value] of Object.entries(edit)) {
		const f = ASSUMPTION_FIELDS.find((x) => x.key === key);
		if (!f) {
			errors[key] = key === 'carrying_rate' ? 'is the sum of carrying_components; edit those' : 'is not an assumption';
			continue;
		}
		if (f.keys) {
			if (!isObject(value)) {
				errors[key] = `must be an object with keys ${f.keys.join(', ')}`;
				continue;
			}
			const map = next[key] as Record<string, number>;
			for (const [k, v] of Object.entries(value)) {
				if (!f.keys.includes(k)) errors[`${key}.${k}`] = 'is not a known key';
				else {
					const err = checkNumber(v, f);
					if (err) errors[`${key}.${k}`] = err;
					else map[k] = v as number;
				}
			}
		} else if (f.kind === 'keywords') {
			const err = checkKeywords(value);
			if (err) errors[key] = err;
			else next[key] = normaliseKeywords(value as string[]);
		} else if (f.kind === 'tokens') {
			if (!Array.isArray(value) || value.length > MAX_NULL_TOKENS || value.some((t) => typeof t !== 'string' || t.length > 30)) {
				errors[key] = `must be a list of at most ${MAX_NULL_TOKENS} values of at most 30 characters`;
			} else next[key] = normaliseTokens(value as string[]);
		} else if (f.kind === 'currency') {
			if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value)) errors[key] = 'must be a three-letter currency code';
			else next[key] = value.toUpperCase();
		} else {
			const err = checkNumber(value, f);
			if (err) errors[key] = err;
			else next[key] = value;
		}
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values: next as unknown as AssumptionValues };
}

function checkKeywords(value: unknown): string | null {
	if (!Array.isArray(value)) return 'must be a list of words or phrases';
	if (value.length > MAX_KEYWORDS) return `must have at most ${MAX_KEYWORDS} entries`;
	for (const k of value) {
		if (typeof k !== 'string') return 'every entry must be text';
		if (k.length > MAX_KEYWORD_LENGTH) return `every entry must be at most ${MAX_KEYWORD_LENGTH} characters`;
	}
	if (normaliseKeywords(value).length === 0) return 'must have at least one entry';
	return null;
}

/** Values read back from storage: anything missing or invalid (e.g. written by an older version) takes its default. */
export function valuesFromStored(stored: unknown): AssumptionValues {
	const out = structuredClone(DEFAULT_ASSUMPTIONS);
	if (!isObject(stored)) return out;
	for (const f of ASSUMPTION_FIELDS) {
		if (!(f.key in stored)) continue;
		const one = applyEdit(out, { [f.key]: stored[f.key] });
		if (one.ok) Object.assign(out, { [f.key]: one.values[f.key] });
	}
	return out;
}

/** Flat path → value pairs, for change history and for showing what differs from the defaults. */
export function flatten(v: AssumptionValues): Record<string, number | string | string[]> {
	const out: Record<string, number | string | string[]> = {};
	for (const f of ASSUMPTION_FIELDS) {
		const x = v[f.key] as unknown;
		if (f.keys) for (const k of f.keys) out[`${f.key}.${k}`] = (x as Record<string, number>)[k];
		else out[f.key] = x as number | string | string[];
	}
	return out;
}

export function diffValues(
	before: AssumptionValues,
	after: AssumptionValues
): { key: string; old_value: unknown; new_value: unknown }[] {
	const a = flatten(before);
	const b = flatten(after);
	return Object.keys(b)
		.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
		.map((k) => ({ key: k, old_value: a[k], new_value: b[k] }));
}
