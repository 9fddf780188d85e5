/**
 * A customer's timeline: one time axis, one lane per kind of event (orders, backorders, service
 * contacts, escalations, sales contacts, opportunities). Backorders are drawn as spans from the order to
 * the day the backordered quantity shipped (or the data's end while still open). Pure: events in, option out.
 */
import { compactCurrency, dateLong } from '$lib/format';
import { LANES, type Lane, type TimelineEvent, type Tone } from '$lib/customers/timeline';
import type { SemanticColours } from './palette';

type Colours = SemanticColours;

const toneColour = (t: Tone, c: Colours) =>
	t === 'cost' ? c.cost : t === 'saving' ? c.saving : t === 'muted' ? c.muted : t === 'accent' ? c.net : c.net;

/** Marker area grows with the value: √ scale between 5 and 17 px. */
export function markerSize(value: number | undefined, max: number): number {
	if (!value || !(max > 0)) return 7;
	return Math.round(5 + 12 * Math.sqrt(Math.min(1, value / max)));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function tooltipHtml(e: TimelineEvent, currency = 'USD'): string {
	const when = e.end && e.end !== e.date ? `${dateLong(e.date)} → ${dateLong(e.end)}` : dateLong(e.date);
	const value = e.value !== undefined && e.lane !== 'Backorders' ? ` · ${compactCurrency(e.value, currency)}` : '';
	return `<b>${escapeHtml(e.label)}</b>${value}<br/>${when}${e.detail ? `<br/>${escapeHtml(e.detail)}` : ''}`;
}

export function timelineOption(
	events: readonly TimelineEvent[],
	colours: Colours,
	opts: { period?: { from: string; to: string }; currency?: string } = {}
) {
	const currency = opts.currency ?? 'USD';
	const lanes = [...LANES].reverse(); // first lane on top
	const maxOrder = Math.max(0, ...events.filter((e) => e.lane === 'Orders').map((e) => e.value ?? 0));
	const maxOpp = Math.max(0, ...events.filter((e) => e.lane === 'Opportunities').map((e) => e.value ?? 0));
	const point = (e: TimelineEvent) => ({
		value: [e.date, e.lane],
		symbolSize: e.lane === 'Orders' ? markerSize(e.value, maxOrder) : e.lane === 'Opportunities' ? markerSize(e.value, maxOpp) : e.visit ? 12 : 8,
		symbol: e.visit ? 'rect' : e.lane === 'Escalations' ? 'diamond' : e.lane === 'Opportunities' ? 'triangle' : 'circle',
		itemStyle: { color: toneColour(e.tone, colours), opacity: e.lane === 'Orders' && e.tone === 'neutral' ? 0.55 : 0.9 },
		tip: tooltipHtml(e, currency)
	});
	const spans: (object | null)[] = [];
	for (const e of events) {
		if (e.lane !== 'Backorders') continue;
		const tip = tooltipHtml(e, currency);
		spans.push({ value: [e.date, e.lane], tip }, { value: [e.end ?? e.date, e.lane], tip }, null);
	}
	const scatter = (lane: Lane) => ({
		name: lane,
		type: 'scatter',
		data: events.filter((e) => e.lane === lane).map(point)
	});
	return {
		aria: { enabled: false },
		animation: false,
		grid: { left: 8, right: 24, top: 12, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
		tooltip: {
			trigger: 'item',
			confine: true,
			formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? ''
		},
		xAxis: { type: 'time', axisLabel: { fontSize: 11, hideOverlap: true }, splitLine: { show: true } },
		yAxis: { type: 'category', data: lanes, axisTick: { show: false }, splitLine: { show: true }, axisLabel: { fontSize: 12 } },
		series: [
			{
				name: 'Backorder waits',
				type: 'line',
				data: spans.map((s) => s ?? '-'),
				connectNulls: false,
				symbol: 'circle',
				symbolSize: 7,
				lineStyle: { width: 6, color: colours.cost, opacity: 0.75, cap: 'round' },
				itemStyle: { color: colours.cost },
				markArea: opts.period
					? {
							silent: true,
							itemStyle: { color: colours.grid, opacity: 0.45 },
							label: { show: true, position: 'insideTopLeft', color: colours.muted, fontSize: 10, formatter: 'period' },
							data: [[{ xAxis: opts.period.from }, { xAxis: opts.period.to }]]
						}
					: undefined
			},
			...LANES.filter((l) => l !== 'Backorders').map(scatter)
		]
	};
}
