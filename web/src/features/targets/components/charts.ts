import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/** Only the ECharts parts the target pages draw (keeps the echarts chunk small). */
echarts.use([
  MapChart,
  BarChart,
  LineChart,
  TooltipComponent,
  VisualMapComponent,
  GridComponent,
  TitleComponent,
  CanvasRenderer,
]);

export { echarts };
