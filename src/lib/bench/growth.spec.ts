import { describe, expect, it } from 'vitest';
import { formatGrowth, growthTable } from './growth';
import { row } from './table';

const r = (id: string, value: number, rss: number, target: number | null = 250) =>
	row({ id, group: id.startsWith('js') ? 'js' : 'api', label: id, value, unit: 'ms', target, detail: { rss_mb: rss } });

describe('growth table', () => {
	it('puts each figure beside its memory, one column per scale, misses marked, JS left out', () => {
		const t = growthTable([
			{ lines: 1_000_000, rows: [r('api.a', 12.4, 300), r('js./', 280, 0, 400)] },
			{ lines: 3_000_000, rows: [r('api.a', 40, 700), r('api.b', 300, 710)] }
		]);
		expect(t).toEqual([
			['Measure', '1M lines', '3M lines'],
			['api.a', '12 ms · 300 MB', '40 ms · 700 MB'],
			['api.b', '–', '300 ms · 710 MB ✗']
		]);
		expect(formatGrowth([{ lines: 1e6, rows: [r('api.a', 1, 1)] }], true)).toBe('| Measure | 1M lines |\n|---|---:|\n| api.a | 1 ms · 1 MB |');
	});
});
