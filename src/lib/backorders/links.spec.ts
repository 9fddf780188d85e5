import { describe, expect, it } from 'vitest';
import { openLinesHref } from './links';

describe('links to a customer’s open lines', () => {
	it('keeps the filters, drops view keys, sets the customer', () => {
		expect(openLinesHref('from=2025-01-01&segment=Key&dim=supplier&pick=sku%3AP1&customer=C9', 'C 1')).toBe('/backorders?from=2025-01-01&segment=Key&customer=C+1');
		expect(openLinesHref('', 'C1')).toBe('/backorders?customer=C1');
	});
});
