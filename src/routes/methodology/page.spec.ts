/** The methodology page renders every definition, assumption default and keyword from the shared modules. */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import Page from './+page.svelte';
import { METRIC_DEFINITIONS } from '$lib/metrics/definitions';
import { ASSUMPTION_FIELDS, DEFAULT_ASSUMPTIONS, resolveAssumptions } from '$lib/metrics/assumptions';
import { REACH, SCOPED } from '$lib/scope';
import { CALIBRATION } from '$lib/methodology/calibration';
import { meetsContract } from '$lib/metrics/calibration-summary';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

describe('/methodology', () => {
	it('shows every formula, assumption and keyword, and marks values the active scenario changed', () => {
		const values = resolveAssumptions({ ...DEFAULT_ASSUMPTIONS, escalation_cost: 40, keywords: ['eta', 'rush order'] });
		const { body } = render(Page, {
			props: { data: { sql: { 'ledger/orders': 'SELECT 1 -- orders sql' }, scenario: { name: 'Lean', values }, error: null } } as never
		});
		const html = unescape(body);
		for (const d of METRIC_DEFINITIONS) {
			expect(html).toContain(d.name);
			expect(html).toContain(d.formula);
		}
		for (const f of ASSUMPTION_FIELDS) expect(html).toContain(f.label);
		for (const k of DEFAULT_ASSUMPTIONS.keywords) expect(html).toContain(`<code>${k}</code>`);
		expect(html).toContain('rush order');
		expect(html).toContain('SELECT 1 -- orders sql');
		expect(html).toContain('<strong>Lean</strong>');
		// the committed calibration run, every design and world, with the contract's verdict
		for (const d of CALIBRATION.summary) expect(html).toContain(d.design);
		const chosen = CALIBRATION.summary.filter((d) => d.design.includes('(chosen)'));
		expect(chosen.length).toBe(CALIBRATION.run.worlds.length);
		for (const d of chosen) expect(meetsContract(d)).toBe(true);
		expect(html).toContain(`--seeds ${CALIBRATION.run.seeds}`);
		expect(html).toMatch(/<td class="[^"]*changed[^"]*">40<\/td>/);
		expect(html).toContain('0.25');
		// the scope table is the rules the server applies
		for (const k of SCOPED) for (const kind of ['customer', 'product'] as const) expect(html).toContain(REACH[k][kind].rule);
		expect(html).toContain('Not attributable to this filter');
	});
});
