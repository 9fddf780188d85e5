import { describe, expect, it } from 'vitest';
import { waterfallBars, waterfallOption } from './waterfall';
import { SEMANTIC } from './palette';

const steps = [
	{ key: 'service', label: 'Service contacts', value: 100 },
	{ key: 'sales', label: 'Sales time', value: 50 },
	{ key: 'wallet', label: 'Share of wallet', value: 250 }
];

describe('waterfallBars', () => {
	it('stacks costs, shows the total, steps down by savings to net', () => {
		const bars = waterfallBars(steps, 120);
		expect(bars.map((b) => [b.key, b.base, b.height, b.value, b.kind])).toEqual([
			['service', 0, 100, 100, 'cost'],
			['sales', 100, 50, 50, 'cost'],
			['wallet', 150, 250, 250, 'cost'],
			['total', 0, 400, 400, 'total'],
			['savings', 280, 120, -120, 'saving'],
			['net', 0, 280, 280, 'net']
		]);
	});

	it('steps up when lean cost more to carry (negative savings)', () => {
		const bars = waterfallBars(steps, -40);
		const savings = bars.find((b) => b.key === 'savings')!;
		expect([savings.base, savings.height, savings.value]).toEqual([400, 40, 40]);
		expect(bars.at(-1)!.value).toBe(440);
	});

	it('draws a net below zero from zero downwards', () => {
		const bars = waterfallBars(steps, 500);
		const net = bars.at(-1)!;
		expect([net.base, net.height, net.value]).toEqual([-100, 100, -100]);
		const savings = bars.find((b) => b.key === 'savings')!;
		expect([savings.base, savings.height]).toEqual([-100, 500]);
	});

	it('builds an option with one visible bar per step and labels in compact currency', () => {
		const bars = waterfallBars(steps, 120);
		const opt = waterfallOption(bars, SEMANTIC.light);
		expect(opt.xAxis.data).toEqual(['Service contacts', 'Sales time', 'Share of wallet', 'Total backorder cost', 'Holding savings', 'Net cost']);
		expect(opt.series[0].data).toEqual([0, 100, 150, 0, 280, 0]);
		expect(opt.series[1].data.map((d) => (typeof d === 'number' ? d : d.value))).toEqual([100, 50, 250, 400, 120, 280]);
		expect(opt.series[1].label?.formatter({ dataIndex: 4 })).toBe('-$120');
	});
});
