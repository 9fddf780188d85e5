/**
 * The carrying-rate builder on the working-capital page: five components entered as percentages, summed
 * into the carrying rate, saved through the assumptions API (PUT /api/assumptions edits the active
 * scenario; POST /api/assumptions/scenarios saves a new one and makes it active). Pure, browser-safe.
 */
import { CARRYING_COMPONENTS, type CarryingComponent } from '$lib/metrics/assumptions';

export type Components = Record<CarryingComponent, number>;

export const COMPONENT_LABELS: Record<CarryingComponent, { label: string; hint: string }> = {
	capital: { label: 'Cost of capital', hint: 'return the money tied up in stock could earn' },
	storage: { label: 'Storage', hint: 'space, handling, utilities' },
	obsolescence: { label: 'Obsolescence', hint: 'stock that expires, dates or is written off' },
	shrinkage: { label: 'Shrinkage', hint: 'loss, damage, theft' },
	insurance: { label: 'Insurance and tax', hint: 'insurance and taxes on stock held' }
};

/** Percent inputs (e.g. "10" or "2.5") → rates; errors keyed by component. */
export function parsePercents(inputs: Record<CarryingComponent, string | number | null | undefined>): { ok: true; components: Components } | { ok: false; errors: Partial<Record<CarryingComponent, string>> } {
	const components = {} as Components;
	const errors: Partial<Record<CarryingComponent, string>> = {};
	for (const k of CARRYING_COMPONENTS) {
		const raw = inputs[k];
		const text = typeof raw === 'number' ? String(raw) : (raw ?? '').trim();
		const v = text === '' ? NaN : Number(text);
		if (!Number.isFinite(v)) errors[k] = 'enter a percentage';
		else if (v < 0) errors[k] = 'must not be negative';
		else if (v > 100) errors[k] = 'must be at most 100%';
		else components[k] = Math.round(v * 1e6) / 1e8;
	}
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, components };
}

/** Rates → percent strings for the inputs ("10", "2.5"). */
export function toPercents(c: Components): Record<CarryingComponent, string> {
	const out = {} as Record<CarryingComponent, string>;
	for (const k of CARRYING_COMPONENTS) out[k] = String(Math.round(c[k] * 1e8) / 1e6);
	return out;
}

export function sumRate(c: Components): number {
	return Math.round(CARRYING_COMPONENTS.reduce((s, k) => s + c[k], 0) * 1e12) / 1e12;
}

export function sameComponents(a: Components, b: Components): boolean {
	return CARRYING_COMPONENTS.every((k) => Math.abs(a[k] - b[k]) < 1e-12);
}

/** The request that saves the builder: edit the active scenario, or save (and activate) a new one. */
export function saveRequest(
	c: Components,
	target: { kind: 'active' } | { kind: 'new'; name: string },
	token: string | null
): { url: string; init: RequestInit } {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (token && token.trim()) headers.authorization = `Bearer ${token.trim()}`;
	if (target.kind === 'active') {
		return { url: '/api/assumptions', init: { method: 'PUT', headers, body: JSON.stringify({ values: { carrying_components: c } }) } };
	}
	return {
		url: '/api/assumptions/scenarios',
		init: { method: 'POST', headers, body: JSON.stringify({ name: target.name.trim(), values: { carrying_components: c } }) }
	};
}

/** What to tell the user about a failed save: the API's own message, plainly, with per-field details. */
export function saveErrorMessage(status: number, body: unknown): string {
	const b = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown; fields?: unknown };
	let msg = typeof b.error === 'string' && b.error ? b.error : `the server answered ${status}`;
	if (typeof b.fields === 'object' && b.fields !== null) {
		const parts = Object.entries(b.fields as Record<string, unknown>).map(([k, v]) => `${k} ${String(v)}`);
		if (parts.length) msg += ` (${parts.join('; ')})`;
	}
	return status === 401 ? `Not saved: ${msg}` : `Not saved (${status}): ${msg}`;
}
