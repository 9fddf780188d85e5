import { describe, expect, it } from 'vitest';
import { fitLabels, textWidth, wrapLabel } from './labels';

describe('textWidth', () => {
	it('uses Helvetica advance widths', () => {
		// i = 222, A = 667, a = 556 thousandths of the font size
		expect(textWidth('ii', 10)).toBeCloseTo(4.44, 9);
		expect(textWidth('Aa', 10)).toBeCloseTo(12.23, 9);
		expect(textWidth('mW', 1000)).toBe(833 + 944);
		expect(textWidth('', 12)).toBe(0);
	});
});

describe('wrapLabel', () => {
	it('breaks only at spaces, never inside a word', () => {
		// "Share-of-wallet" is 78.4 wide at 11: ECharts' break cut it as "Share-of-wall / et loss"
		expect(wrapLabel('Share-of-wallet loss', 78, 11)).toEqual(['Share-of-wallet', 'loss']);
		expect(wrapLabel('Total backorder cost', 200, 11)).toEqual(['Total backorder cost']);
		expect(wrapLabel('Total backorder cost', 60, 11)).toEqual(['Total', 'backorder', 'cost']);
	});

	it('keeps a word wider than the room whole on its own line', () => {
		expect(wrapLabel('Share-of-wallet loss', 20, 11)).toEqual(['Share-of-wallet', 'loss']);
		expect(wrapLabel('  a   b ', 100, 11)).toEqual(['a b']);
	});
});

describe('fitLabels', () => {
	const labels = ['Service contacts', 'Sales time', 'Selling time lost', 'Cancelled margin', 'Share-of-wallet loss', 'Deals lost', 'Total backorder cost', 'Holding savings', 'Net cost'];

	it('keeps the largest font when every word fits', () => {
		const f = fitLabels(labels, 90);
		expect(f.fontSize).toBe(11);
		expect(f.rotate).toBe(0);
		expect(f.labels[4]).toBe('Share-of-wallet\nloss');
	});

	it('shrinks the font until the longest word fits the slot, so neighbours never overlap', () => {
		const f = fitLabels(labels, 70);
		expect(f.fontSize).toBeLessThan(11);
		expect(f.rotate).toBe(0);
		for (const l of f.labels) for (const line of l.split('\n')) expect(textWidth(line, f.fontSize)).toBeLessThanOrEqual(66);
		expect(f.labels[4].split('\n')[0]).toBe('Share-of-wallet');
	});

	it('rotates when no font size lets a word fit', () => {
		expect(fitLabels(labels, 30)).toEqual({ fontSize: 7, labels, rotate: 30, lines: 1 });
	});
});
