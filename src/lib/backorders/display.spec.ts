import { describe, expect, it } from 'vitest';
import { excludesText, termText } from './display';

describe('fill queue display', () => {
	it('shows n/a with the reason, never 0', () => {
		expect(termText({ value: null, reason: 'too few treated customers' }, 'USD')).toBe('n/a (too few treated customers)');
		expect(termText({ value: 1234, reason: null }, 'USD')).toBe('$1,234');
		expect(termText({ value: 0, reason: null }, 'USD')).toBe('$0');
	});
	it('names the terms a total leaves out', () => {
		expect(excludesText(['wallet'])).toBe('excludes wallet (n/a)');
		expect(excludesText([])).toBe('');
	});
});
