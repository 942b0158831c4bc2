/**
 * Reports: the list, one report with its findings and the reviewers' decisions, re-checking, versions.
 * The operations are shared by the JSON API below and the pages (routes/reports.tsx). A report outside
 * the viewer's scope answers 404, as if it did not exist.
 */
import { z } from 'zod';
import { findingKey } from '../../diagnostics/index.ts';
import type {
  FindingDecision,
  ReportHeader,
  ReportListFilter,
  ReportVersion,
  VersionFinding,
  VersionHistoryEntry,
} from '../../store/index.ts';
import type { AppContext, Viewer } from '../context.ts';
import { refuse } from '../errors.tsx';
import { uploadService } from '../upload/service.ts';
import { route } from './route.ts';
import { limitSchema, okSchema } from './schemas.ts';

export const SORTS = ['year', 'agency', 'errors', 'published'] as const;
export const KINDS = ['government', 'department', 'township', 'subdistrict', 'other'] as const;
export const SEVERITIES = ['error', 'warning', 'info'] as const;

const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined));

/** The list's query string, shared by GET /api/reports and the /reports page. */
export const listQuerySchema = z.object({
  q: optionalText.describe('单位名称或拼音首字母（含下级单位）；未匹配单位的报告按报告主体名称匹配'),
  region: optionalText.describe('地区：单位编码，含其全部下级单位'),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  kind: z.enum(KINDS).optional().describe('单位类型'),
  rule: optionalText.describe('有此规则问题的报告'),
  severity: z.enum(SEVERITIES).optional().describe('有此级别问题的报告'),
  sort: z.enum(SORTS).default('year'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: limitSchema,
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** The store filter of a list query, or null when the region is unknown or outside the scope. */
export async function listFilter(
  c: AppContext,
  viewer: Viewer,
  q: ListQuery,
): Promise<ReportListFilter | null> {
  let region: [string, string] | null = null;
  if (q.region) {
    region = await c.get('deps').store.subtree(q.region);
    if (!region) return null;
  }
  return {
    range: viewer.range,
    region,
    query: q.q,
    year: q.year,
    kind: q.kind,
    rule: q.rule,
    severity: q.severity,
    sort: q.sort,
    descending: q.order === 'desc',
    offset: (q.page - 1) * q.limit,
    limit: q.limit,
  };
}

export interface FindingView extends VersionFinding {
  key: string;
  decision: FindingDecision | null;
}

export interface LoadedReport {
  header: ReportHeader;
  version: ReportVersion;
  findings: FindingView[];
  history: VersionHistoryEntry[];
}

/**
 * A report as the viewer may see it: the given version (default the current one), its findings with
 * their decisions, and the version history. Null when it does not exist for this viewer.
 */
export async function loadReport(
  c: AppContext,
  viewer: Viewer,
  reportId: number,
  versionId?: number,
): Promise<LoadedReport | null> {
  const { store } = c.get('deps');
  const header = await store.reportHeader(reportId, viewer.range);
  const wanted = versionId ?? header?.currentVersionId;
  if (!header || wanted === null || wanted === undefined) return null;
  const version = await store.reportVersion(reportId, wanted);
  if (!version) return null;
  const [found, decisions, history] = await Promise.all([
    store.versionFindings(version.versionId),
    store.decisions(reportId),
    store.history(reportId),
  ]);
  const findings = found.map((f) => {
    const key = findingKey({ rule: f.rule, cells: f.cells, text: f.text ?? undefined });
    return { ...f, key, decision: decisions.get(key) ?? null };
  });
  return { header, version, findings, history };
}

export type RecheckOutcome =
  | { ok: true; versionId: number; newVersion: boolean; before: number; after: number }
  | { ok: false; status: 404 | 409 | 503; message: string };

/**
 * 重新检查: the stored source of the current version read and checked again (Ingester.recheck). Read by
 * an older parser, it becomes a new version with the current parser's record; otherwise its findings are
 * replaced. The corpus checks run again too. Decisions are keyed by finding, so those on findings that
 * come back stay attached.
 */
export async function recheckReport(
  c: AppContext,
  viewer: Viewer,
  reportId: number,
): Promise<RecheckOutcome> {
  const { store } = c.get('deps');
  const loaded = await loadReport(c, viewer, reportId);
  if (!loaded) return { ok: false, status: 404, message: '找不到这份报告' };
  const { version } = loaded;
  const done = await uploadService(store, c.get('deps').settings).recheck({
    versionId: version.versionId,
    sha256: version.source.sha256,
    name: version.source.name,
    parserVersion: version.parserVersion,
  });
  if (!done.ok) {
    if (done.internal) throw new Error(`re-check of report ${reportId} failed: ${done.error.en}`);
    return { ok: false, status: 409, message: `无法重新检查：${done.error.zh}` };
  }
  if (done.status === 'aborted' || done.versionId === null)
    return { ok: false, status: 503, message: '数据库暂时无法写入，请稍后再试' };
  const after = await store.versionFindings(done.versionId);
  const outcome = {
    ok: true as const,
    versionId: done.versionId,
    newVersion: done.versionId !== version.versionId,
    before: loaded.findings.length,
    after: after.length,
  };
  await store.audit({
    userId: viewer.user.id,
    action: 'recheck',
    target: `report:${reportId}`,
    detail: {
      versionId: version.versionId,
      newVersionId: outcome.newVersion ? outcome.versionId : null,
      before: outcome.before,
      after: outcome.after,
    },
  });
  return outcome;
}

const RECHECK_REFUSALS = { 404: 'not_found', 409: 'conflict', 503: 'unavailable' } as const;

export const decisionBodySchema = z.object({
  decision: z.enum(['confirmed', 'dismissed']),
  comment: z.string().trim().max(2000).default(''),
});

/**
 * A reviewer's decision on a finding of the report's current version, or its withdrawal (decision null).
 * False when the report or the finding is not there for this viewer.
 */
export async function decideFinding(
  c: AppContext,
  viewer: Viewer,
  reportId: number,
  key: string,
  decision: z.infer<typeof decisionBodySchema> | null,
): Promise<boolean> {
  const { store } = c.get('deps');
  const loaded = await loadReport(c, viewer, reportId);
  if (!loaded || !loaded.findings.some((f) => f.key === key)) return false;
  if (decision) {
    await store.decide({ reportId, findingKey: key, ...decision, userId: viewer.user.id });
    await store.audit({
      userId: viewer.user.id,
      action: 'decision',
      target: `report:${reportId}`,
      detail: { findingKey: key, ...decision },
    });
  } else {
    await store.undecide(reportId, key);
    await store.audit({
      userId: viewer.user.id,
      action: 'decision.cleared',
      target: `report:${reportId}`,
      detail: { findingKey: key },
    });
  }
  return true;
}

// ---------------------------------------------------------------- JSON shapes

const severitySchema = z.enum(SEVERITIES);

const reportRowSchema = z.object({
  reportId: z.number().int(),
  versionId: z.number().int(),
  agency: z.string().nullable(),
  agencyKind: z.string().nullable(),
  bodyId: z.string().nullable(),
  bodyName: z.string().nullable(),
  bodyPath: z.array(z.string()).describe('上级单位名称，自最上级起'),
  year: z.number().int().nullable(),
  format: z.string(),
  publishedOn: z.string().nullable(),
  sourceKind: z.string(),
  errors: z.number().int(),
  warnings: z.number().int(),
  infos: z.number().int(),
});

const decisionSchema = z.object({
  decision: z.enum(['confirmed', 'dismissed']),
  comment: z.string(),
  userId: z.number().int(),
  login: z.string().nullable(),
  decidedAt: z.string(),
});

export const findingSchema = z.object({
  key: z.string().describe('问题键（规则、单元格、引文）：审核意见按此保存，重新检查后仍然有效'),
  scope: z.enum(['report', 'corpus']),
  rule: z.string(),
  severity: severitySchema,
  message: z.string(),
  cells: z.array(z.string()),
  text: z.object({ section: z.number().int().nullable(), quote: z.string() }).nullable(),
  expected: z.number().nullable(),
  actual: z.number().nullable(),
  related: z
    .object({
      versionId: z.number().int(),
      reportId: z.number().int(),
      agency: z.string().nullable(),
      year: z.number().int().nullable(),
    })
    .nullable(),
  decision: decisionSchema.nullable(),
});

const versionSchema = z.object({
  versionId: z.number().int(),
  sha256: z.string(),
  parserVersion: z.number().int(),
  isCurrent: z.boolean(),
  createdAt: z.string(),
});

const headerSchema = z.object({
  reportId: z.number().int(),
  agency: z.string().nullable(),
  agencyKind: z.string().nullable(),
  year: z.number().int().nullable(),
  bodyId: z.string().nullable(),
  bodyName: z.string().nullable(),
  bodyPath: z.array(z.string()),
  matchMethod: z.string().nullable(),
  currentVersionId: z.number().int().nullable(),
});

export function findingJson(f: FindingView) {
  return {
    key: f.key,
    scope: f.scope,
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    cells: f.cells,
    text: f.text,
    expected: f.expected,
    actual: f.actual,
    related: f.related,
    decision: f.decision && {
      decision: f.decision.decision,
      comment: f.decision.comment,
      userId: f.decision.userId,
      login: f.decision.login,
      decidedAt: f.decision.decidedAt,
    },
  };
}

const idParams = z.object({ id: z.coerce.number().int().positive() });
const versionQuery = z.object({ version: z.coerce.number().int().positive().optional() });
const keyParams = idParams.extend({ key: z.string().min(1).max(4000) });

const notFound = (c: AppContext) => refuse(c, 404, 'not_found', '找不到这份报告');

export const REPORT_ROUTES = [
  route({
    method: 'get',
    path: '/api/reports',
    summary: '报告列表：按单位（名称或拼音首字母，含下级）、地区、年度、类型、规则、级别筛选，排序，分页',
    tag: '报告',
    role: 'viewer',
    query: listQuerySchema,
    response: z.object({
      total: z.number().int(),
      page: z.number().int(),
      limit: z.number().int(),
      reports: z.array(reportRowSchema),
    }),
    handler: async (c, { query, viewer }) => {
      const filter = await listFilter(c, viewer, query);
      if (!filter) return refuse(c, 404, 'not_found', '找不到这个地区');
      const list = await c.get('deps').store.listReports(filter);
      return { total: list.total, page: query.page, limit: query.limit, reports: list.rows };
    },
  }),
  route({
    method: 'get',
    path: '/api/reports/{id}',
    summary: '一份报告：当前版本（或指定版本）的记录、问题与审核意见',
    tag: '报告',
    role: 'viewer',
    params: idParams,
    query: versionQuery,
    response: z.object({
      report: headerSchema,
      version: z.object({
        versionId: z.number().int(),
        isCurrent: z.boolean(),
        parserVersion: z.number().int(),
        createdAt: z.string(),
        format: z.string(),
        publishedOn: z.string().nullable(),
        source: z.object({ sha256: z.string(), name: z.string(), kind: z.string(), size: z.number().int() }),
        record: z.unknown().describe('报告记录（xxgk/report@1）'),
      }),
      findings: z.array(findingSchema),
    }),
    handler: async (c, { params, query, viewer }) => {
      const loaded = await loadReport(c, viewer, params.id, query.version);
      if (!loaded) return notFound(c);
      const v = loaded.version;
      return {
        report: loaded.header,
        version: {
          versionId: v.versionId,
          isCurrent: v.isCurrent,
          parserVersion: v.parserVersion,
          createdAt: v.createdAt,
          format: v.format,
          publishedOn: v.publishedOn,
          source: v.source,
          record: v.record,
        },
        findings: loaded.findings.map(findingJson),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/reports/{id}/findings',
    summary: '一份报告当前版本（或指定版本）的问题，按级别排序，附审核意见',
    tag: '报告',
    role: 'viewer',
    params: idParams,
    query: versionQuery,
    response: z.object({ versionId: z.number().int(), findings: z.array(findingSchema) }),
    handler: async (c, { params, query, viewer }) => {
      const loaded = await loadReport(c, viewer, params.id, query.version);
      if (!loaded) return notFound(c);
      return { versionId: loaded.version.versionId, findings: loaded.findings.map(findingJson) };
    },
  }),
  route({
    method: 'put',
    path: '/api/reports/{id}/findings/{key}/decision',
    summary: '确认或驳回一个问题（附意见），审核员及以上',
    tag: '报告',
    role: 'reviewer',
    params: keyParams,
    body: decisionBodySchema,
    response: okSchema,
    handler: async (c, { params, body, viewer }) => {
      if (!(await decideFinding(c, viewer, params.id, params.key, body)))
        return refuse(c, 404, 'not_found', '这份报告的当前版本没有这个问题');
      return { ok: true as const };
    },
  }),
  route({
    method: 'delete',
    path: '/api/reports/{id}/findings/{key}/decision',
    summary: '撤销对一个问题的审核意见，审核员及以上',
    tag: '报告',
    role: 'reviewer',
    params: keyParams,
    response: okSchema,
    handler: async (c, { params, viewer }) => {
      if (!(await decideFinding(c, viewer, params.id, params.key, null)))
        return refuse(c, 404, 'not_found', '这份报告的当前版本没有这个问题');
      return { ok: true as const };
    },
  }),
  route({
    method: 'post',
    path: '/api/reports/{id}/recheck',
    summary:
      '重新检查：用当前解析器重新读取当前版本的原始文件并运行全部检查（解析器已更新时生成新版本），审核意见保留',
    tag: '报告',
    role: 'reviewer',
    params: idParams,
    response: z.object({
      versionId: z.number().int(),
      newVersion: z.boolean(),
      before: z.number().int(),
      after: z.number().int(),
    }),
    handler: async (c, { params, viewer }) => {
      const done = await recheckReport(c, viewer, params.id);
      if (!done.ok) return refuse(c, done.status, RECHECK_REFUSALS[done.status], done.message);
      const { versionId, newVersion, before, after } = done;
      return { versionId, newVersion, before, after };
    },
  }),
  route({
    method: 'get',
    path: '/api/reports/{id}/versions',
    summary: '报告的版本历史（解析器版本、入库时间）',
    tag: '报告',
    role: 'viewer',
    params: idParams,
    response: z.object({ versions: z.array(versionSchema) }),
    handler: async (c, { params, viewer }) => {
      const header = await c.get('deps').store.reportHeader(params.id, viewer.range);
      if (!header) return notFound(c);
      return { versions: await c.get('deps').store.history(params.id) };
    },
  }),
];
