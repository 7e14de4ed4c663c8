import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';

/** The CJK face Debian's fonts-noto-cjk installs; resvg falls back to it for every label. */
const FONT = 'Noto Sans CJK SC';

export interface BarChart {
  title: string;
  categories: string[];
  series: { name: string; data: (number | null)[]; kind?: 'bar' | 'line' }[];
  unit?: string;
}

/**
 * A chart for the Word report: drawn by ECharts on the server (SVG, no browser) and
 * rasterised by resvg, because Word needs a PNG beside an SVG. Deterministic for equal input.
 */
export function renderBarChart(c: BarChart, size = { width: 900, height: 420 }): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT },
      title: { text: c.title, left: 'center', textStyle: { fontSize: 16, fontFamily: FONT } },
      legend: { bottom: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 60, right: 20, top: 50, bottom: 70 },
      xAxis: {
        type: 'category',
        data: c.categories,
        axisLabel: { interval: 0, rotate: c.categories.length > 8 ? 35 : 0 },
      },
      yAxis: { type: 'value', name: c.unit ?? '' },
      series: c.series.map((s) => ({
        name: s.name,
        type: s.kind ?? 'bar',
        data: s.data,
        label: s.kind === 'line' ? undefined : { show: c.categories.length <= 8, position: 'top' },
      })),
    });
    const svg = chart.renderToSVGString();
    return Buffer.from(
      new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: FONT }, fitTo: { mode: 'zoom', value: 2 } })
        .render()
        .asPng(),
    );
  } finally {
    chart.dispose();
  }
}
