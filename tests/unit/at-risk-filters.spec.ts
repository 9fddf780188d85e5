/**
 * /customers' at-risk list under a customer filter is the company's list cut to the filter's customers
 * (src/lib/server/customers/overview.ts: one scan per period end and product filters). Checked on the
 * generated sample against the SQL rule itself: the at-risk query run with the customer filters bound.
 */
import { describe, expect, it } from 'vitest';
import { runQuery } from '$lib/server/db';
import { useSampleDatabase } from './sample-database';
import { atRiskCustomers } from '$lib/server/customers/overview';
import { rankAtRisk, type RiskRow } from '$lib/customers/risk';
import { filterParams, type MetricFilters } from '$lib/metrics/filters-type';
import { keywordPattern } from '$lib/metrics/keywords';
import { activeScenario } from '$lib/server/assumptions/store';

const PERIOD = { from: '2025-11-01', to: '2026-10-31' };
useSampleDatabase('at-risk-filters', 60_000);

async function bySql(f: MetricFilters, pattern: string) {
	const { from: _from, ...params } = filterParams(f);
	void _from;
	const r = await runQuery<RiskRow>('customers/at_risk', { ...params, keyword_pattern: pattern });
	if (!r.ok) throw new Error(r.error.message);
	return rankAtRisk(r.rows, 'score');
}

describe('at-risk customers under a customer filter', () => {
	it('are the SQL rule’s, customer filters with and without a product filter', async () => {
		const keywords = (await activeScenario()).assumptions.keywords;
		const pattern = keywordPattern(keywords);
		const sets: Partial<MetricFilters>[] = [{ segment: 'Strategic' }, { segment: 'Core' }, { region: 'West', segment: 'Key' }, { region: 'North', category: 'Valves' }];
		let seen = 0;
		for (const s of sets) {
			const f = { ...PERIOD, ...s } as MetricFilters;
			const fast = await atRiskCustomers(f, keywords, 'score');
			const sql = await bySql(f, pattern);
			expect(fast, JSON.stringify(s)).toEqual(sql);
			seen += fast.length;
		}
		expect(seen).toBeGreaterThan(20);
	});
});
