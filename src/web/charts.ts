/**
 * Charts drawn on the server with ECharts' SVG renderer: the page embeds the SVG, no chart library runs
 * in the browser. Category names and series names may come from the registry or from reports; ECharts
 * writes every text as escaped character data, and `inertSvg` refuses an SVG that could run anything,
 * should that ever change.
 */
import * as echarts from 'echarts';

export interface ChartSpec {
  kind: 'bar' | 'line';
  categories: readonly string[];
  series: readonly { name: string; values: readonly (number | null)[] }[];
  /** Bars stacked into one column per category. */
  stacked?: boolean;
  /** Values are fractions, shown as percentages. */
  percent?: boolean;
  width?: number;
  height?: number;
}

const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif";
const COLORS = ['#0b4f9c', '#c0392b', '#2e8b57', '#d48806', '#6a3d9a', '#5b5b5b'];

/**
 * Throws when an SVG's markup holds a script, a foreign object, an event handler or a javascript: URL.
 * Only tags are looked at: in character data every `<` is escaped, so a body named 「x onload=1」 is text.
 */
export function inertSvg(svg: string): string {
  if (/<\s*(script|foreignObject|iframe)|<[^>]*(\son\w+\s*=|javascript:)/i.test(svg))
    throw new Error('chart SVG contains active content');
  return svg;
}

export function renderChart(spec: ChartSpec): string {
  const width = spec.width ?? 600;
  const height = spec.height ?? 320;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const format = (v: number) => (spec.percent ? `${Math.round(v * 1000) / 10}%` : String(v));
    chart.setOption({
      animation: false,
      color: COLORS,
      textStyle: { fontFamily: FONT },
      legend: { top: 0, type: 'plain' },
      grid: { left: 56, right: 16, top: 48, bottom: 56, containLabel: false },
      xAxis: {
        type: 'category',
        data: [...spec.categories],
        axisLabel: {
          interval: 0,
          rotate: spec.categories.length > 6 ? 30 : 0,
          width: 120,
          overflow: 'truncate',
        },
      },
      yAxis: { type: 'value', minInterval: spec.percent ? 0 : 1, axisLabel: { formatter: format } },
      series: spec.series.map((s) => ({
        name: s.name,
        type: spec.kind,
        data: [...s.values],
        ...(spec.stacked ? { stack: 'total' } : {}),
        ...(spec.kind === 'line' ? { connectNulls: false, symbolSize: 7 } : {}),
      })),
    });
    return inertSvg(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}
