/**
 * Server-side ECharts: the same option builders the page uses, rendered to an SVG string for the PDF
 * (vector, light theme, no animation).
 */
import { echarts, type ChartOption } from '$lib/charts/echarts';

export function chartSvg(option: ChartOption, width: number, height: number): string {
	const chart = echarts.init(null as unknown as HTMLElement, 'ledger-light', { renderer: 'svg', ssr: true, width, height });
	try {
		chart.setOption({ ...option, animation: false });
		return chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
}
