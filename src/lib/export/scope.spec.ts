import { describe, expect, it } from 'vitest';
import { scopeCaption, scopeRows } from './scope';

const at = new Date('2026-12-05T06:00:00Z');

describe('export scope rows', () => {
	it('names the period, the filters, the picks and the scenario', () => {
		expect(scopeRows({ from: '2026-01-01', to: '2026-03-31', segment: 'Key', supplier: 'Acme' }, 'CFO 18', ['month:2026-02'], at)).toEqual([
			['Period', '1 Jan – 31 Mar 2026 (2026-01-01 to 2026-03-31)'],
			['Filters', 'Segment: Key · Supplier: Acme'],
			['Cross-filter picks', 'month:2026-02'],
			['Assumption scenario', 'CFO 18'],
			['Exported (UTC)', '2026-12-05 06:00:00']
		]);
	});
	it('says when nothing is filtered', () => {
		expect(scopeRows({ from: '2025-11-01', to: '2026-10-31' }, 'default', [], at)[1]).toEqual(['Filters', 'none: all customers and products']);
	});
});

describe('chart image caption', () => {
	it.each<[Record<string, string>, string]>([
		[{}, '1 Jan – 31 Mar 2026 · all customers and products · assumptions: default'],
		[{ segment: 'Strategic', supplier: 'Acme' }, '1 Jan – 31 Mar 2026 · Segment: Strategic · Supplier: Acme · assumptions: default']
	])('%j', (f, text) => {
		expect(scopeCaption({ from: '2026-01-01', to: '2026-03-31', ...f }, 'default')).toBe(text);
	});
});
