import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface BarSeries {
  readonly name: string;
  readonly values: readonly number[];
}

/**
 * A bar chart (Apache ECharts, SVG) of some series over categories, horizontal so that long names stay readable on a
 * phone. It is a picture of the table beside it: the table is what a keyboard or screen-reader user reads.
 */
export function Bars({ label, categories, series, unit = '' }: { label: string; categories: readonly string[]; series: readonly BarSeries[]; unit?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: series.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: `{value}${unit}` } },
      yAxis: { type: 'category', data: [...categories], inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: [...s.values] })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [categories, series, unit]);
  const height = Math.max(160, categories.length * (series.length > 1 ? 14 * series.length + 10 : 26) + 60);
  // The label says what the picture is; the SVG itself is hidden from assistive technology (the table is read instead).
  return (
    <div className="chart" role="img" aria-label={label}>
      <div ref={ref} aria-hidden="true" style={{ height }} />
    </div>
  );
}
