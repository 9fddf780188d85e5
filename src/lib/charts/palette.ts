/**
 * Chart colours for the two themes, matching the CSS tokens in app.css. Series colours are chosen to
 * stay distinguishable for the common colour-vision deficiencies and on a projector.
 */
export const SERIES_LIGHT = ['#1f5f99', '#c2410c', '#15803d', '#7c3aed', '#a16207', '#0e7490', '#be185d', '#4b5563'];
export const SERIES_DARK = ['#6aa8e6', '#fb923c', '#4ade80', '#c4b5fd', '#facc15', '#67e8f9', '#f9a8d4', '#cbd5e1'];

/** Semantic colours: cost is warm, savings green, net in the accent. */
export const SEMANTIC = {
	light: { cost: '#c2410c', saving: '#15803d', net: '#1f5f99', muted: '#9aa4b2', text: '#17202b', grid: '#e5e8ec' },
	dark: { cost: '#fb923c', saving: '#4ade80', net: '#6aa8e6', muted: '#64748b', text: '#e6ebf1', grid: '#2c3744' }
} as const;
export type SemanticColours = (typeof SEMANTIC)[keyof typeof SEMANTIC];

function theme(series: string[], s: SemanticColours, background: string) {
	const axis = {
		axisLine: { lineStyle: { color: s.grid } },
		axisTick: { lineStyle: { color: s.grid } },
		axisLabel: { color: s.text, opacity: 0.75 },
		splitLine: { lineStyle: { color: s.grid } },
		nameTextStyle: { color: s.text }
	};
	return {
		color: series,
		backgroundColor: background,
		textStyle: { fontFamily: "Inter, 'Segoe UI', system-ui, sans-serif", color: s.text },
		legend: { textStyle: { color: s.text } },
		tooltip: {
			backgroundColor: background === 'transparent' ? undefined : background,
			textStyle: { color: s.text }
		},
		categoryAxis: axis,
		valueAxis: axis,
		timeAxis: axis
	};
}

export const LIGHT = theme(SERIES_LIGHT, SEMANTIC.light, 'transparent');
export const DARK = theme(SERIES_DARK, SEMANTIC.dark, 'transparent');
