import { describe, expect, it } from 'vitest';
import { eventStudyOption, offsetLabel, postMeans } from './event-study';
import { SEMANTIC } from './palette';

const points = Array.from({ length: 13 }, (_, i) => ({
	month_offset: i - 6,
	treated_index: i < 6 ? 100 : i === 6 ? 95 : 86,
	control_index: i <= 6 ? 100 : 105
}));

describe('event study', () => {
	it('labels offsets with a real minus and names the incident month', () => {
		expect([-6, -1, 0, 1, 6].map(offsetLabel)).toEqual(['−6', '−1', 'Incident', '+1', '+6']);
	});
	it('reads the post-window gap (equal to 100 × did)', () => {
		expect(postMeans(points)).toEqual({ treated: 86, control: 105, gap: -19 });
		expect(postMeans(points.map((p) => ({ ...p, treated_index: null })))).toEqual({ treated: null, control: 105, gap: null });
	});
	it('draws treated and control lines with the 100 line and the incident month marked', () => {
		const o = eventStudyOption(points, SEMANTIC.light);
		expect(o.xAxis.data).toHaveLength(13);
		expect(o.series[0].data[12]).toBe(86);
		expect(o.series[1].data[12]).toBe(105);
		expect(o.series[0].markLine!.data).toEqual([{ yAxis: 100 }, { xAxis: 6 }]);
		expect(o.series[0].lineStyle.color).toBe(SEMANTIC.light.cost);
	});
});
