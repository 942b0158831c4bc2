/**
 * 总览: four charts drawn on the server as SVG (src/web/charts.ts), each with its numbers as a table and
 * a 「下载数据」 link, the rates with their formulas beside every figure, and the regions to drill into.
 */
import { raw } from 'hono/html';
import { computeRates, RATES } from '../../record/index.ts';
import type { Body, RegionTotals } from '../../store/index.ts';
import type { ChartData, ChartId, Overview } from '../api/overview.ts';
import { renderChart, type ChartSpec } from '../charts.ts';
import type { Viewer } from '../context.ts';
import { Layout } from './layout.tsx';

export interface OverviewPageProps {
  viewer: Viewer;
  overview: Overview;
  /** The scope's root and its ancestors the viewer may see, top first: the way back up. */
  trail: Body[];
}

const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** How each chart draws its table. */
function specOf(chart: ChartData): ChartSpec {
  const col = (name: string) => chart.columns.indexOf(name);
  const series = (names: readonly string[]) =>
    names.map((name) => ({ name, values: chart.rows.map((r) => num(r[col(name)])) }));
  const categories = chart.rows.map((r) => String(r[0]));
  const specs: Record<ChartId, () => ChartSpec> = {
    years: () => ({ kind: 'bar', categories, series: series(['报告数', '问题数']) }),
    regions: () => ({ kind: 'bar', categories, series: series(['报告数', '问题数', '未报告单位']) }),
    outcomes: () => ({ kind: 'bar', stacked: true, categories, series: series(chart.columns.slice(1)) }),
    rates: () => ({ kind: 'line', percent: true, categories, series: series(RATES.map((r) => r.name)) }),
  };
  return specs[chart.id]();
}

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const percent = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`;

function Chart(props: { chart: ChartData; under: string | undefined; year: number; children?: unknown }) {
  const { chart, under, year } = props;
  const data = (format: string) => `/api/overview/${chart.id}${query({ under, year, format })}`;
  return (
    <section class="chart" id={`chart-${chart.id}`}>
      <h2>{chart.title}</h2>
      {chart.rows.length === 0 ? (
        <p class="muted">暂无数据。</p>
      ) : (
        // The SVG is drawn by ECharts from our numbers; every label in it is escaped character data,
        // and renderChart refuses markup that could run (charts.ts `inertSvg`).
        <div class="svg" role="img" aria-label={chart.title}>
          {raw(renderChart(specOf(chart)))}
        </div>
      )}
      <p class="download">
        下载数据：<a href={data('csv')}>CSV</a> <a href={data('json')}>JSON</a>
      </p>
      {props.children}
    </section>
  );
}

function DataTable({ chart }: { chart: ChartData }) {
  return (
    <details>
      <summary>数据表</summary>
      <table class="data">
        <thead>
          <tr>
            {chart.columns.map((c) => (
              <th>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chart.rows.map((r) => (
            <tr>
              {r.map((v) => (
                <td class={typeof v === 'number' ? 'num' : undefined}>{v ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function RateTable({ totals }: { totals: RegionTotals[] }) {
  const byYear = totals.map((t) => ({ year: t.year, rates: computeRates(t.cells) }));
  return (
    <table class="data rates" id="rate-table">
      <thead>
        <tr>
          <th>比率</th>
          <th>公式</th>
          {byYear.map((y) => (
            <th class="num">{y.year}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {RATES.map((def, i) => (
          <tr>
            <th scope="row">{def.name}</th>
            <td class="formula">{def.formula}</td>
            {byYear.map((y) => {
              const r = y.rates[i]!;
              return r.value === null ? (
                <td class="num" title={r.reason ?? ''}>
                  —
                </td>
              ) : (
                <td class="num" title={`${r.numerator} ÷ ${r.denominator}`}>
                  {percent(r.value)}
                  <span class="muted">
                    （{r.numerator}/{r.denominator}）
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OverviewPage({ viewer, overview, trail }: OverviewPageProps) {
  const { scope, year, years, charts, regions, totals } = overview;
  const under = scope && scope.id !== viewer.user.scopeBodyId ? scope.id : undefined;
  const chart = (id: ChartId) => charts.find((c) => c.id === id)!;
  const regionsChart = chart('regions');
  return (
    <Layout title="总览" viewer={viewer} active="overview" styles={['overview.css']}>
      <h1>总览：{scope?.name ?? '全部单位'}</h1>
      <nav class="trail" aria-label="地区">
        范围：
        {viewer.user.scopeBodyId === null && <a href={`/overview${query({ year })}`}>全部</a>}
        {trail.map((b) => (
          <>
            {' › '}
            <a href={`/overview${query({ under: b.id, year })}`}>{b.name}</a>
          </>
        ))}
      </nav>
      <nav class="years" aria-label="年度">
        地区统计年度：
        {years.map((y) => (
          <a href={`/overview${query({ under, year: y })}`} aria-current={y === year ? 'page' : undefined}>
            {y}
          </a>
        ))}
      </nav>
      <p>
        <a href={`/export${query({ under, year })}`}>导出本范围数据</a>
      </p>
      <div class="charts">
        <Chart chart={chart('years')} under={under} year={year}>
          <DataTable chart={chart('years')} />
        </Chart>
        <Chart chart={regionsChart} under={under} year={year}>
          <table class="data" id="region-table">
            <thead>
              <tr>
                {regionsChart.columns.map((c) => (
                  <th>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {regionsChart.rows.map((r, i) => (
                <tr>
                  <td>
                    <a href={`/overview${query({ under: regions[i]!.id, year })}`}>{r[0]}</a>
                  </td>
                  {r.slice(1).map((v, j) => (
                    <td class={j === 0 ? 'mono' : j === 3 && Number(v) > 0 ? 'num missing' : 'num'}>{v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Chart>
        <Chart chart={chart('outcomes')} under={under} year={year}>
          <DataTable chart={chart('outcomes')} />
        </Chart>
        <Chart chart={chart('rates')} under={under} year={year}>
          <RateTable totals={totals} />
        </Chart>
      </div>
    </Layout>
  );
}
