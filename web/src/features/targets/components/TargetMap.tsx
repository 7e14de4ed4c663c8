import { useMemo } from 'react';
import ReactECharts from 'echarts-for-react/esm/core';
import type { CityRow } from '../../../api/contracts';
import { useShandongGeo } from '../api';
import { echarts } from './charts';

let registered = false;

/** Shandong by city, coloured by completion share; a click selects the city. */
export function TargetMap({ rows, onSelect }: { rows: CityRow[]; onSelect: (cityCode: string) => void }) {
  const geo = useShandongGeo();
  const nameByCode = useMemo(() => {
    const m = new Map<string, string>();
    for (const f of geo.data?.features ?? []) m.set(String(f.properties.adcode), f.properties.name);
    return m;
  }, [geo.data]);

  if (!geo.data) return <div style={{ height: 420 }} data-testid="targets-map" />;
  if (!registered) {
    echarts.registerMap('shandong', geo.data as unknown as Parameters<typeof echarts.registerMap>[1]);
    registered = true;
  }
  const data = rows.map((r) => ({
    name: nameByCode.get(r.cityCode) ?? r.cityName ?? r.cityCode,
    value: r.share === null ? null : Math.round(r.share * 1000) / 10,
    cityCode: r.cityCode,
  }));
  const option = {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value?: number }) =>
        `${p.name}：${Number.isFinite(p.value) ? `${p.value}%` : '—'}`,
    },
    visualMap: {
      min: 0,
      max: 100,
      left: 'left',
      bottom: 10,
      text: ['100%', '0%'],
      calculable: true,
      inRange: { color: ['#fde2e2', '#1677ff'] },
    },
    series: [{ type: 'map', map: 'shandong', roam: false, label: { show: true, fontSize: 10 }, data }],
  };
  const onEvents = {
    click: (p: { data?: { cityCode?: string } }) => {
      if (p.data?.cityCode) onSelect(p.data.cityCode);
    },
  };
  return (
    <div data-testid="targets-map">
      <ReactECharts echarts={echarts} option={option} onEvents={onEvents} style={{ height: 420 }} notMerge />
    </div>
  );
}
