import { describe, expect, it } from 'vitest';
import { columnTests, customerPasses, productPasses } from './scope';

/** Every combination of one value, another value or no filter, over lines with nulls among their attributes. */
const VALUES = [undefined, 'a', 'b'] as const;
const KEYS = ['segment', 'region', 'sales_rep', 'customer', 'category', 'supplier', 'sku'] as const;
const ATTR = [null, 'a', 'b'] as const;

describe('columnTests', () => {
	it('passes exactly the lines customerPasses and productPasses pass, for every filter set', () => {
		const lines = Array.from({ length: 200 }, (_, n) => {
			const pick = (k: number) => ATTR[(n * 7 + k * 13 + Math.floor(n / (k + 1))) % 3];
			return { segment: pick(0), region: pick(1), sales_rep: pick(2), customer_id: pick(3) ?? 'a', category: pick(4), supplier: pick(5), sku: pick(6) ?? 'b' };
		});
		let checked = 0;
		for (let code = 0; code < 3 ** KEYS.length; code += 7) {
			const f: Record<string, string | undefined> = {};
			KEYS.forEach((k, i) => (f[k] = VALUES[Math.floor(code / 3 ** i) % 3]));
			const tests = columnTests(f);
			for (const l of lines) {
				const byColumns = tests.every((t) => l[t.column] === t.value);
				const byRule = customerPasses({ id: l.customer_id, segment: l.segment, region: l.region, sales_rep: l.sales_rep }, f) && productPasses(l, f);
				expect(byColumns).toBe(byRule);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(10_000);
	});

	it('lists one test per set filter, on the attribute it reads', () => {
		expect(columnTests({ customer: 'C1', supplier: 'Apex' })).toEqual([
			{ column: 'customer_id', value: 'C1' },
			{ column: 'supplier', value: 'Apex' }
		]);
		expect(columnTests({})).toEqual([]);
	});
});
