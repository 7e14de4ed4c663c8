import ReactECharts from 'echarts-for-react/esm/core';
import type { IndicatorCard } from '../../../api/contracts';
import { echarts } from './charts';

/** A small line of the indicator's trend points. */
export function TrendLine({ trend }: { trend: IndicatorCard['trend'] }) {
  if (trend.length === 0) return null;
  const option = {
    grid: { left: 4, right: 4, top: 4, bottom: 4 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', show: false, data: trend.map((p) => p.asOf) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data: trend.map((p) => p.value), smooth: true, symbolSize: 4 }],
  };
  return <ReactECharts echarts={echarts} option={option} style={{ height: 60 }} notMerge />;
}
