/**
 * 单位与覆盖 over JSON: body search, one body with its children and their reporting for a year, the
 * bodies without a report, and a region's sums with the rates. Everything is cut to the viewer's scope:
 * a body outside it answers 404, as if it did not exist; no `under` means the viewer's whole scope.
 */
import { z } from 'zod';
import { computeRates } from '../../record/index.ts';
import { subtreeRange, type Body, type Store } from '../../store/index.ts';
import type { AppContext, Viewer } from '../context.ts';
import { refuse } from '../errors.tsx';
import { route } from './route.ts';
import { bodyCountsOf } from '../counts.ts';

/** The part of the registry a request looks at: a body's subtree, or everything for a root of null. */
export interface Scope {
  root: Body | null;
  range: [string, string] | null;
}

const inRange = (path: string, range: [string, string] | null) =>
  range === null || (path >= range[0] && path < range[1]);

/**
 * The scope a request asks for with `under` (a body id), within the viewer's own; without `under`, the
 * viewer's scope. Null when the body is unknown or outside what the viewer may see.
 */
export async function scopeOf(store: Store, viewer: Viewer, under?: string): Promise<Scope | null> {
  const id = under ?? viewer.user.scopeBodyId;
  if (id === null) return { root: null, range: null };
  const body = await store.body(id);
  if (!body || !inRange(body.path, viewer.range)) return null;
  return { root: body, range: subtreeRange(body.path) };
}

export const regionNotFound = (c: AppContext) => refuse(c, 404, 'not_found', '找不到这个单位或地区');

/** The year a page or query means when it names none: the latest with reports in the scope. */
export async function defaultYear(store: Store, range: [string, string] | null): Promise<number> {
  return (await store.yearsOnRecord(range))[0] ?? new Date().getFullYear() - 1;
}

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

export const yearSchema = z.coerce.number().int().min(1990).max(2100);

export const underQuery = z.object({
  year: yearSchema.optional(),
  under: optionalText.describe('单位编码：只看这个单位及其下级；默认为您的数据范围'),
});

const kindSchema = z.enum(['government', 'department', 'township', 'subdistrict', 'other']);
const levelSchema = z.enum(['province', 'city', 'county', 'body']);

const bodySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: kindSchema,
  level: levelSchema,
  path: z.string(),
});

const foundSchema = bodySchema.extend({ ancestors: z.array(z.string()).describe('上级单位名称，自顶向下') });

const countSchema = bodySchema.extend({
  reported: z.boolean().describe('本单位该年度是否有报告'),
  bodies: z.number().int().describe('本单位及全部下级单位数'),
  reportedBodies: z.number().int().describe('其中该年度已有报告的单位数'),
});

const rateSchema = z.object({
  id: z.string(),
  name: z.string(),
  formula: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  value: z.number().nullable().describe('分子 ÷ 分母；无法计算时为 null'),
  reason: z.string().nullable(),
});

export const BODY_ROUTES = [
  route({
    method: 'get',
    path: '/api/bodies',
    summary: '查找单位（名称或拼音首字母，限您的数据范围）',
    tag: '单位与覆盖',
    role: 'viewer',
    query: z.object({
      q: z.string().trim().min(1).max(100).describe('名称片段、拼音首字母（如 jyj）或单位编码'),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    response: z.object({ bodies: z.array(foundSchema) }),
    handler: async (c, { query, viewer }) => ({
      bodies: await c.get('deps').store.searchBodiesIn(query.q, viewer.range, query.limit),
    }),
  }),
  route({
    method: 'get',
    path: '/api/bodies/{id}',
    summary: '单位及其直接下级，含某年度的报告情况（含下级单位汇总）',
    tag: '单位与覆盖',
    role: 'viewer',
    params: z.object({ id: z.string().min(1).max(100) }),
    query: z.object({ year: yearSchema.optional() }),
    response: z.object({
      year: z.number().int(),
      body: countSchema.extend({ ancestors: z.array(z.string()) }),
      children: z.array(countSchema),
    }),
    handler: async (c, { params, query, viewer }) => {
      const { store } = c.get('deps');
      const scope = await scopeOf(store, viewer, params.id);
      if (!scope?.root) return regionNotFound(c);
      const year = query.year ?? (await defaultYear(store, scope.range));
      const tree = await bodyCountsOf(c.get('deps'), year, scope.range);
      const self = tree.byId.get(scope.root.id)!;
      const [found] = await store.withAncestors([scope.root]);
      return {
        year,
        body: { ...self, ancestors: found!.ancestors },
        children: tree.children.get(self.id) ?? [],
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/coverage',
    summary: '某年度未报告的单位（含上级单位名称）',
    tag: '单位与覆盖',
    role: 'viewer',
    query: underQuery,
    response: z.object({
      year: z.number().int(),
      bodies: z.number().int(),
      reported: z.number().int(),
      missing: z.array(foundSchema),
    }),
    handler: async (c, { query, viewer }) => {
      const { store } = c.get('deps');
      const scope = await scopeOf(store, viewer, query.under);
      if (!scope) return regionNotFound(c);
      const year = query.year ?? (await defaultYear(store, scope.range));
      return store.coverage({ year, range: scope.range });
    },
  }),
  route({
    method: 'get',
    path: '/api/totals',
    summary: '地区某年度各表合计与比率（含公式）',
    tag: '单位与覆盖',
    role: 'viewer',
    query: underQuery,
    response: z.object({
      year: z.number().int(),
      reports: z.number().int(),
      cells: z.record(z.string(), z.number()).describe('单元格编号 → 合计（空白按 0 计）'),
      rates: z.array(rateSchema),
    }),
    handler: async (c, { query, viewer }) => {
      const { store } = c.get('deps');
      const scope = await scopeOf(store, viewer, query.under);
      if (!scope) return regionNotFound(c);
      const year = query.year ?? (await defaultYear(store, scope.range));
      const totals = await store.regionTotals({ year, range: scope.range });
      return { ...totals, rates: computeRates(totals.cells) };
    },
  }),
];
