/**
 * The one place ECharts is imported. Only the pieces the dashboard draws are registered: the full
 * `echarts` import would double the client bundle. SVG only: vector in print and PDF, and one renderer
 * less to ship.
 */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
	AriaComponent,
	DatasetComponent,
	GridComponent,
	LegendComponent,
	MarkAreaComponent,
	MarkLineComponent,
	MarkPointComponent,
	TooltipComponent,
	VisualMapComponent
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { LIGHT, DARK } from './palette';

echarts.use([
	BarChart,
	LineChart,
	ScatterChart,
	HeatmapChart,
	AriaComponent,
	DatasetComponent,
	GridComponent,
	LegendComponent,
	MarkAreaComponent,
	MarkLineComponent,
	MarkPointComponent,
	TooltipComponent,
	VisualMapComponent,
	SVGRenderer
]);
echarts.registerTheme('ledger-light', LIGHT);
echarts.registerTheme('ledger-dark', DARK);

export { echarts };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';
