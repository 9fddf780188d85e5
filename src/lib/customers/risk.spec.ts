import { describe, expect, it } from 'vitest';
import { MIN_DECLINE, parseRiskSort, rankAtRisk, riskScore, type RiskRow } from './risk';

const row = (over: Partial<RiskRow>): RiskRow => ({
	customer_id: 'C1',
	name: 'Alpha',
	segment: 'Key',
	region: 'West',
	sales_rep: null,
	history_spend: 3650,
	history_days: 365,
	recent_spend: 450,
	recent_days: 90,
	exposure_value: 1000,
	exposure_backordered_value: 250,
	exposure_lines: 20,
	exposure_backordered_lines: 3,
	last_incident: '2025-05-01',
	open_backorders: 1,
	open_value: 40,
	contacts: 2,
	escalations: 1,
	...over
});

describe('riskScore', () => {
	it('computes exposure, decline, score and value at risk by hand', () => {
		// history 10/day, recent 5/day → decline 0.5; exposure 250/1000 = 0.25; score 100·√0.125
		const s = riskScore(row({}))!;
		expect(s.exposure).toBe(0.25);
		expect(s.decline).toBe(0.5);
		expect(s.score).toBeCloseTo(35.3553, 4);
		expect(s.value_at_risk).toBe(5 * 365);
		expect(s.history_monthly).toBeCloseTo(10 * 30.4375, 9);
		expect(s.recent_monthly).toBeCloseTo(5 * 30.4375, 9);
	});

	it('clamps a rise to no decline and a shortfall beyond 100% of value to full exposure', () => {
		const s = riskScore(row({ recent_spend: 1800, exposure_backordered_value: 1500 }))!;
		expect(s.decline).toBe(0);
		expect(s.exposure).toBe(1);
		expect(s.score).toBe(0);
		expect(s.value_at_risk).toBe(0);
	});

	it('has no score without history', () => {
		expect(riskScore(row({ history_days: 0 }))).toBeNull();
		expect(riskScore(row({ history_spend: 0 }))).toBeNull();
	});

	it('treats a customer who stopped buying as a full decline', () => {
		const s = riskScore(row({ recent_spend: 0 }))!;
		expect(s.decline).toBe(1);
		expect(s.score).toBe(50);
		expect(s.value_at_risk).toBe(3650);
	});
});

describe('rankAtRisk', () => {
	const rows = [
		row({ customer_id: 'A' }), // score 35.36, value 1825
		row({ customer_id: 'B', exposure_backordered_value: 1000, recent_spend: 900 * 0.8 }), // decline 0.2 → score 44.72, value 730
		row({ customer_id: 'C', recent_spend: 900 * (1 - MIN_DECLINE / 2) }), // decline 0.05: not listed
		row({ customer_id: 'D', exposure_backordered_value: 0 }), // no exposure: not listed
		row({ customer_id: 'E', history_spend: 36500, recent_spend: 4500, exposure_backordered_value: 40 }) // score 14.14, value 18250
	];
	it('keeps only exposed and declining customers, by score', () => {
		expect(rankAtRisk(rows).map((r) => r.customer_id)).toEqual(['B', 'A', 'E']);
	});
	it('ranks by value at risk on request', () => {
		expect(rankAtRisk(rows, 'value').map((r) => r.customer_id)).toEqual(['E', 'A', 'B']);
	});
	it('parses the sort parameter to a whitelist', () => {
		expect(parseRiskSort('value')).toBe('value');
		expect(parseRiskSort('score')).toBe('score');
		expect(parseRiskSort("'; drop")).toBe('score');
		expect(parseRiskSort(null)).toBe('score');
	});
});
