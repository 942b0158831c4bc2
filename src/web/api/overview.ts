/**
 * 总览's numbers: reports and findings by year and by region (the children of the scope's root),
 * request outcomes (表三's outcome rows summed) and the four rates by year (src/record/rates.ts), each
 * as a small table that the page charts and that downloads as CSV or JSON.
 */
import { z } from 'zod';
import { ALL_CELL_IDS, computeRates, RATES } from '../../record/index.ts';
import { CSV_BOM, csvLine } from '../../render/csv.ts';
import type { Body, RegionTotals, Store } from '../../store/index.ts';
import type { AppContext } from '../context.ts';
import { refuse } from '../errors.tsx';
import { defaultYear, regionNotFound, scopeOf, underQuery, type Scope } from './bodies.ts';
import { route } from './route.ts';
import { bodyCountsOf } from '../counts.ts';
import type { WebDeps } from '../context.ts';

export type ChartId = 'years' | 'regions' | 'outcomes' | 'rates';
export const CHART_IDS: readonly ChartId[] = ['years', 'regions', 'outcomes', 'rates'];

export interface ChartData {
  id: ChartId;
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
}

/** Outcome rows of 表三 三、本年度办理结果, by the row key prefix they share in both formats. */
const OUTCOME_ROWS = [
  ['予以公开', 'granted'],
  ['部分公开', 'partiallyGranted'],
  ['不予公开', 'withheld'],
  ['无法提供', 'unavailable'],
  ['不予处理', 'declined'],
  ['其他处理', 'other'],
] as const;

/** The 总计 cells of an outcome row and its items (（六）其他处理 is one row in 2019 and three items in 2021). */
function outcomeCells(key: string): string[] {
  return [...ALL_CELL_IDS].filter((id) => {
    const parts = id.split('.');
    return parts[0] === 'requests' && parts[1] === key && parts.at(-1) === 'total' && parts.length <= 4;
  });
}

export const OUTCOMES = OUTCOME_ROWS.map(([name, key]) => ({ name, cells: outcomeCells(key) }));

const sumOf = (totals: RegionTotals, cells: readonly string[]) =>
  cells.reduce((n, id) => n + (totals.cells[id] ?? 0), 0);

export interface Overview {
  scope: Body | null;
  year: number;
  years: number[];
  regions: Body[];
  /** Each year's sums, for the rates' numerators and denominators. */
  totals: RegionTotals[];
  charts: ChartData[];
}

/** The regions a scope is broken into: its root's children, or the root alone when it has none. */
async function regionsOf(store: Store, scope: Scope): Promise<Body[]> {
  const children = await store.childBodies(scope.root?.id ?? null);
  return children.length > 0 || !scope.root ? children : [scope.root];
}

export async function buildOverview(
  deps: Pick<WebDeps, 'store' | 'answers'>,
  scope: Scope,
  year?: number,
): Promise<Overview> {
  const { store } = deps;
  const chosen = year ?? (await defaultYear(store, scope.range));
  const activity = await store.activityByYear(scope.range);
  const years = activity.map((a) => a.year);
  const regions = await regionsOf(store, scope);
  const [{ counts, byId: countOf }, byBody] = await Promise.all([
    bodyCountsOf(deps, chosen, scope.range),
    store.activityByBody({ year: chosen, range: scope.range }),
  ]);
  const regionRows = regions.map((r) => {
    let reports = 0;
    let findings = 0;
    const to = `${r.path.slice(0, -1)}0`;
    for (const b of counts) {
      if (b.path < r.path || b.path >= to) continue;
      const a = byBody.get(b.id);
      reports += a?.reports ?? 0;
      findings += a?.findings ?? 0;
    }
    const c = countOf.get(r.id);
    const bodies = c?.bodies ?? 0;
    const reported = c?.reportedBodies ?? 0;
    return [r.name, r.id, bodies, reported, bodies - reported, reports, findings];
  });
  const totals: RegionTotals[] = [];
  for (const y of years) totals.push(await store.regionTotals({ year: y, range: scope.range }));
  return {
    scope: scope.root,
    year: chosen,
    years,
    regions,
    totals,
    charts: [
      {
        id: 'years',
        title: '各年度报告数与问题数',
        columns: ['年度', '报告数', '问题数', '其中错误'],
        rows: activity.map((a) => [a.year, a.reports, a.findings, a.errors]),
      },
      {
        id: 'regions',
        title: `${chosen} 年度各地区报告情况`,
        columns: ['地区', '单位编码', '单位数', '已报告单位', '未报告单位', '报告数', '问题数'],
        rows: regionRows,
      },
      {
        id: 'outcomes',
        title: '各年度申请办理结果（表三各结果行合计）',
        columns: ['年度', ...OUTCOMES.map((o) => o.name)],
        rows: totals.map((t) => [t.year, ...OUTCOMES.map((o) => sumOf(t, o.cells))]),
      },
      {
        id: 'rates',
        title: '各年度比率',
        columns: ['年度', ...RATES.flatMap((r) => [r.name, `${r.name}分子`, `${r.name}分母`])],
        rows: totals.map((t) => [
          t.year,
          ...computeRates(t.cells).flatMap((r) => [
            r.value === null ? null : Math.round(r.value * 10000) / 10000,
            r.numerator,
            r.denominator,
          ]),
        ]),
      },
    ],
  };
}

const chartSchema = z.object({
  id: z.enum(CHART_IDS),
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});

const contentDisposition = (name: string) =>
  `attachment; filename="overview.${name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** One chart's data as a file: CSV with BOM for Excel/WPS, or JSON. */
export function chartFile(c: AppContext, chart: ChartData, format: 'csv' | 'json', scopeName: string) {
  const name = `${scopeName}-${chart.title}.${format}`;
  if (format === 'json')
    return c.body(
      JSON.stringify({ title: chart.title, columns: chart.columns, rows: chart.rows }, null, 2),
      200,
      {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': contentDisposition(name),
      },
    );
  const text = CSV_BOM + csvLine(chart.columns) + chart.rows.map((r) => csvLine(r)).join('');
  return c.body(text, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': contentDisposition(name),
  });
}

export const OVERVIEW_ROUTES = [
  route({
    method: 'get',
    path: '/api/overview',
    summary: '总览：各年度报告与问题、各地区报告情况、申请办理结果、比率',
    tag: '总览',
    role: 'viewer',
    query: underQuery,
    response: z.object({
      scope: z.object({ id: z.string(), name: z.string() }).nullable(),
      year: z.number().int(),
      years: z.array(z.number().int()),
      charts: z.array(chartSchema),
      formulas: z.array(z.object({ name: z.string(), formula: z.string() })),
    }),
    handler: async (c, { query, viewer }) => {
      const { store } = c.get('deps');
      const scope = await scopeOf(store, viewer, query.under);
      if (!scope) return regionNotFound(c);
      const o = await buildOverview(c.get('deps'), scope, query.year);
      return {
        scope: o.scope && { id: o.scope.id, name: o.scope.name },
        year: o.year,
        years: o.years,
        charts: o.charts,
        formulas: RATES.map((r) => ({ name: r.name, formula: r.formula })),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/overview/{chart}',
    summary: '下载总览中一张图的数据（CSV 或 JSON 文件）',
    tag: '总览',
    role: 'viewer',
    params: z.object({ chart: z.enum(CHART_IDS) }),
    query: underQuery.extend({ format: z.enum(['csv', 'json']).default('csv') }),
    response: z.string().describe('文件'),
    handler: async (c, { params, query, viewer }) => {
      const { store } = c.get('deps');
      const scope = await scopeOf(store, viewer, query.under);
      if (!scope) return regionNotFound(c);
      const o = await buildOverview(c.get('deps'), scope, query.year);
      const chart = o.charts.find((ch) => ch.id === params.chart);
      if (!chart) return refuse(c, 404, 'not_found', '没有这张图');
      return chartFile(c, chart, query.format, o.scope?.name ?? '全部');
    },
  }),
];
