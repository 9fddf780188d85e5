import { describe, expect, it } from 'vitest';
import { stackParts, waterfallBars, waterfallOption, waterfallTable } from './waterfall';
import { SEMANTIC } from './palette';
import { textWidth } from './labels';

const steps = [
	{ key: 'service', label: 'Service contacts', value: 100 },
	{ key: 'sales', label: 'Sales time', value: 50 },
	{ key: 'wallet', label: 'Share of wallet', value: 250 }
];
const spans = (savings: number) => waterfallBars(steps, savings).map((b) => [b.key, b.low, b.high, b.value, b.kind]);

describe('waterfallBars', () => {
	it('stacks costs, shows the total, steps down by savings to net', () => {
		expect(spans(120)).toEqual([
			['service', 0, 100, 100, 'cost'],
			['sales', 100, 150, 50, 'cost'],
			['wallet', 150, 400, 250, 'cost'],
			['total', 0, 400, 400, 'total'],
			['savings', 280, 400, -120, 'saving'],
			['net', 0, 280, 280, 'net']
		]);
	});

	it('steps up when lean cost more to carry (negative savings)', () => {
		expect(spans(-40).slice(4)).toEqual([
			['savings', 400, 440, 40, 'saving'],
			['net', 0, 440, 440, 'net']
		]);
	});

	it('takes net below zero when savings exceed the cost', () => {
		expect(spans(500).slice(4)).toEqual([
			['savings', -100, 400, -500, 'saving'],
			['net', -100, 0, -100, 'net']
		]);
	});
});

describe('stackParts', () => {
	it.each([
		[{ low: 100, high: 150 }, { base: 100, up: 50, down: 0 }],
		[{ low: -100, high: 0 }, { base: 0, up: 0, down: -100 }],
		[{ low: -300, high: -100 }, { base: -100, up: 0, down: -200 }],
		[{ low: -100, high: 400 }, { base: 0, up: 400, down: -100 }]
	])('%j → %j', (b, expected) => {
		expect(stackParts({ label: '', key: '', value: 0, kind: 'cost', ...b })).toEqual(expected);
	});
});

describe('waterfallOption', () => {
	it('draws each bar as base + the parts above and below zero, labelled once', () => {
		const bars = waterfallBars(steps, 500);
		const opt = waterfallOption(bars, SEMANTIC.light);
		// the screen's default slot (96 px): only the label wider than it wraps, at a space
		expect(opt.xAxis.data).toEqual(['Service contacts', 'Sales time', 'Share of wallet', 'Total backorder\ncost', 'Holding savings', 'Net cost']);
		expect(opt.xAxis.axisLabel).toMatchObject({ overflow: 'none', fontSize: 11, rotate: 0 });
		expect(opt.series[0].data).toEqual([0, 100, 150, 0, 0, 0]);
		expect(opt.series[1].data.map((d) => (typeof d === 'number' ? d : d.value))).toEqual([100, 50, 250, 400, 400, 0]);
		expect(opt.series[2].data.map((d) => (typeof d === 'number' ? d : d.value))).toEqual([0, 0, 0, 0, -100, -100]);
		const shown = (i: number) =>
			opt.series.slice(1).map((s) => (typeof s.data[i] === 'number' ? false : (s.data[i] as { label: { show: boolean } }).label.show));
		expect(shown(4)).toEqual([true, false]); // savings: labelled above
		expect(shown(5)).toEqual([false, true]); // net below zero: labelled below
		expect(opt.series[1].label?.formatter({ dataIndex: 4 })).toBe('-$500');
	});

	it('fits the labels to the width it is drawn at, never cutting a word', () => {
		const ledger = ['Service contacts', 'Sales time', 'Selling time lost', 'Cancelled margin', 'Share-of-wallet loss', 'Deals lost'];
		const bars = waterfallBars(ledger.map((label, i) => ({ key: `k${i}`, label, value: 10 })), 5);
		// Letter landscape: 720 pt across nine bars
		const letter = waterfallOption(bars, SEMANTIC.light, 'USD', { width: 720 });
		const slot = (720 - 70) / 9;
		const size = letter.xAxis.axisLabel.fontSize;
		for (const l of letter.xAxis.data) for (const line of l.split('\n')) expect(textWidth(line, size), line).toBeLessThanOrEqual(slot - 4);
		expect(letter.xAxis.data[4]).toBe('Share-of-wallet\nloss');
		// a narrower page gets a smaller font, not overlapping labels
		expect(waterfallOption(bars, SEMANTIC.light, 'USD', { width: 500 }).xAxis.axisLabel.fontSize).toBeLessThan(size);
	});

	it('lists the bars as a table with the link a click follows', () => {
		const t = waterfallTable(waterfallBars(steps, 120), 'USD', (k) => (k === 'total' ? null : `/drivers?k=${k}`));
		expect(t.columns).toEqual(['Step', 'Amount']);
		expect(t.rows[0]).toEqual({ cells: ['Service contacts', '$100'], href: '/drivers?k=service' });
		expect(t.rows[3]).toEqual({ cells: ['Total backorder cost', '$400'], href: null });
		expect(t.rows[4].cells).toEqual(['Holding savings', '-$120']);
	});
});
