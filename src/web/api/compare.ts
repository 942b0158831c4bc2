/**
 * 对比: a body's reports of two years side by side — the cells that changed, the later report's cross-year
 * findings (`crossYear.*`) and the passages it copied from its own past (`similarity.ownPast`).
 */
import { z } from 'zod';
import { describeCell, flattenTables, isOfficialFormat, type CellValue } from '../../record/index.ts';
import { CELL_IDS, type Body, type BodyYear, type ReportVersion } from '../../store/index.ts';
import type { AppContext, Viewer } from '../context.ts';
import { refuse } from '../errors.tsx';
import { findingJson, findingSchema, loadReport, type FindingView } from './reports.ts';
import { route } from './route.ts';

export interface CellChange {
  cell: string;
  label: string;
  /** Undefined: the cell is not in that year's table (the formats differ). */
  old: CellValue | undefined;
  new: CellValue | undefined;
}

export interface Comparison {
  body: Body;
  years: BodyYear[];
  from: { year: number; reportId: number; version: ReportVersion };
  to: { year: number; reportId: number; version: ReportVersion };
  changes: CellChange[];
  crossYear: FindingView[];
  copied: FindingView[];
}

export type CompareOutcome =
  | { ok: true; comparison: Comparison }
  | { ok: false; status: 404 | 400; message: string; body?: Body; years?: BodyYear[] };

function label(v: ReportVersion, w: ReportVersion, cell: string): string {
  const format = isOfficialFormat(w.record.format) ? w.record.format : v.record.format;
  return isOfficialFormat(format) ? describeCell(format, cell) : cell;
}

/** Cells whose value differs between two records, in the official order. */
export function changedCells(from: ReportVersion, to: ReportVersion): CellChange[] {
  const a = flattenTables(from.record.tables);
  const b = flattenTables(to.record.tables);
  const out: CellChange[] = [];
  for (const cell of CELL_IDS) {
    if (!(cell in a) && !(cell in b)) continue;
    if (a[cell] === b[cell]) continue;
    out.push({ cell, label: label(from, to, cell), old: a[cell], new: b[cell] });
  }
  return out;
}

/** Compares a body's reports of `fromYear` and `toYear` (default: its latest two years). */
export async function compareBody(
  c: AppContext,
  viewer: Viewer,
  bodyId: string,
  fromYear?: number,
  toYear?: number,
): Promise<CompareOutcome> {
  const { store } = c.get('deps');
  const range = viewer.range;
  const body = await store.body(bodyId);
  const inScope = body && (!range || (body.path >= range[0] && body.path < range[1]));
  if (!body || !inScope) return { ok: false, status: 404, message: '找不到这个单位' };
  const years = await store.bodyYears(bodyId, range);
  if (years.length < 2)
    return { ok: false, status: 404, message: '这个单位的报告不足两个年度，无法对比', body, years };
  const later = years.find((y) => y.year === toYear) ?? (toYear === undefined ? years[0] : undefined);
  const earlier =
    years.find((y) => y.year === fromYear) ??
    (fromYear === undefined ? years.find((y) => later && y.year < later.year) : undefined);
  if (!later || !earlier)
    return { ok: false, status: 404, message: '这个单位没有所选年度的报告', body, years };
  if (earlier.year === later.year)
    return { ok: false, status: 400, message: '请选择两个不同的年度', body, years };
  const [a, b] = earlier.year < later.year ? [earlier, later] : [later, earlier];
  const [older, newer] = await Promise.all([
    loadReport(c, viewer, a.reportId),
    loadReport(c, viewer, b.reportId),
  ]);
  if (!older || !newer) return { ok: false, status: 404, message: '找不到这个单位的报告', body, years };
  return {
    ok: true,
    comparison: {
      body,
      years,
      from: { year: a.year, reportId: a.reportId, version: older.version },
      to: { year: b.year, reportId: b.reportId, version: newer.version },
      changes: changedCells(older.version, newer.version),
      crossYear: newer.findings.filter((f) => f.rule.startsWith('crossYear.')),
      copied: newer.findings.filter((f) => f.rule === 'similarity.ownPast'),
    },
  };
}

const cellValue = z.number().nullable().optional().describe('缺省：该年度表格没有这个单元格；null：空白');
const side = z.object({ year: z.number().int(), reportId: z.number().int(), versionId: z.number().int() });

export const COMPARE_ROUTES = [
  route({
    method: 'get',
    path: '/api/compare',
    summary: '对比一个单位两个年度的报告：变化的单元格、跨年度问题、沿用上年的段落',
    tag: '对比',
    role: 'viewer',
    query: z.object({
      body: z.string().min(1).max(64).describe('单位编码'),
      from: z.coerce.number().int().optional().describe('较早年度，默认次新年度'),
      to: z.coerce.number().int().optional().describe('较晚年度，默认最新年度'),
    }),
    response: z.object({
      body: z.object({ id: z.string(), name: z.string() }),
      years: z.array(z.number().int()),
      from: side,
      to: side,
      changes: z.array(z.object({ cell: z.string(), label: z.string(), old: cellValue, new: cellValue })),
      crossYear: z.array(findingSchema),
      copied: z.array(findingSchema),
    }),
    handler: async (c, { query, viewer }) => {
      const done = await compareBody(c, viewer, query.body, query.from, query.to);
      if (!done.ok)
        return refuse(c, done.status, done.status === 404 ? 'not_found' : 'bad_request', done.message);
      const r = done.comparison;
      const sideOf = (s: Comparison['from']) => ({
        year: s.year,
        reportId: s.reportId,
        versionId: s.version.versionId,
      });
      return {
        body: { id: r.body.id, name: r.body.name },
        years: r.years.map((y) => y.year),
        from: sideOf(r.from),
        to: sideOf(r.to),
        changes: r.changes,
        crossYear: r.crossYear.map(findingJson),
        copied: r.copied.map(findingJson),
      };
    },
  }),
];
