/**
 * 报告列表 and 报告详情 pages, the forms they post (decisions, 重新检查), and the source they show: the
 * original file as a download and a PDF page as an image. Each checks the viewer's scope first.
 */
import type { Hono } from 'hono';
import { CORPUS_RULES } from '../../corpus/index.ts';
import { renderPdfPage } from '../../pipeline/index.ts';
import { RULES } from '../../rules/index.ts';
import {
  decideFinding,
  listFilter,
  listQuerySchema,
  loadReport,
  recheckReport,
  type LoadedReport,
} from '../api/reports.ts';
import type { AppContext, AppEnv, Viewer } from '../context.ts';
import { refuse } from '../errors.tsx';
import { ReportDetailPage, type SourceView } from '../pages/report-detail.tsx';
import { decodeReportText, htmlText, sectionsText } from '../pages/report-source.tsx';
import { ReportsListPage } from '../pages/reports-list.tsx';
import { viewerWith } from './guard.ts';

const RULE_CHOICES = [...RULES, ...CORPUS_RULES]
  .map((r) => ({ id: r.id, title: r.title }))
  .sort((a, b) => a.id.localeCompare(b.id));

/** Empty form fields (「全部」) are absent parameters. */
function queryOf(c: AppContext): Record<string, string> {
  return Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
}

async function listPage(c: AppContext) {
  const viewer = viewerWith(c, 'viewer')!;
  const parsed = listQuerySchema.safeParse(queryOf(c));
  const query = parsed.success ? parsed.data : listQuerySchema.parse({});
  const { store, answers } = c.get('deps');
  const filter = await listFilter(c, viewer, query);
  // The menus ask the whole registry and corpus; their answers are kept briefly (cache.ts).
  const [list, years, regions] = await Promise.all([
    filter ? store.listReports(filter) : { total: 0, rows: [] },
    answers.get('report years', () => store.reportYears()),
    answers.get(`regions ${viewer.range?.join('~') ?? '*'}`, () => store.regionChoices(viewer.range)),
  ]);
  const problem = !parsed.success ? '查询条件有误，已显示全部报告' : !filter ? '找不到这个地区' : undefined;
  return c.html(
    <ReportsListPage
      viewer={viewer}
      query={query}
      list={list}
      years={years}
      regions={regions}
      rules={RULE_CHOICES}
      problem={problem}
    />,
  );
}

const positiveInt = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
};

async function sourceView(c: AppContext, loaded: LoadedReport): Promise<SourceView> {
  const { version } = loaded;
  const kind = version.source.kind;
  if (kind === 'pdf') {
    return { kind: 'pdf', page: positiveInt(c.req.query('page')) ?? 1, text: sectionsText(version.record) };
  }
  if (kind === 'text' || kind === 'html') {
    const bytes = await c.get('deps').store.sourceBytes(version.source.sha256);
    if (bytes) {
      const text = decodeReportText(bytes);
      return kind === 'html'
        ? { kind: 'text', text: htmlText(text), label: '网页的文字内容（网页不按原样显示）' }
        : { kind: 'text', text, label: '文本文件全文' };
    }
  }
  return { kind: 'text', text: sectionsText(version.record), label: '识别出的正文（按章节）' };
}

async function detailPage(
  c: AppContext,
  message?: { ok: boolean; text: string },
  status: 200 | 404 | 409 | 503 = 200,
) {
  const viewer = viewerWith(c, 'viewer')!;
  const id = positiveInt(c.req.param('id'));
  const requested = c.req.query('version');
  const version = positiveInt(requested);
  const loaded = id ? await loadReport(c, viewer, id, version) : null;
  if (!loaded || (requested !== undefined && version === undefined))
    return refuse(c, 404, 'not_found', '找不到这份报告');
  return c.html(
    <ReportDetailPage
      viewer={viewer}
      loaded={loaded}
      source={await sourceView(c, loaded)}
      message={message}
    />,
    status,
  );
}

/** The report and version a source request names, when the viewer may see them. */
async function requestedVersion(c: AppContext, viewer: Viewer) {
  const id = positiveInt(c.req.param('id'));
  const requested = c.req.query('version');
  const version = positiveInt(requested);
  if (!id || (requested !== undefined && version === undefined)) return null;
  const { store } = c.get('deps');
  const header = await store.reportHeader(id, viewer.range);
  const versionId = version ?? header?.currentVersionId;
  if (!header || !versionId) return null;
  return store.reportVersion(id, versionId);
}

/** Rendered PDF pages, most recently used last; a page costs a pdftoppm run, a few hundred KB to keep. */
const PAGE_CACHE = new Map<string, Uint8Array>();
const PAGE_CACHE_SIZE = 64;

async function pageImage(sha256: string, bytes: Uint8Array, page: number) {
  const key = `${sha256}:${page}`;
  const cached = PAGE_CACHE.get(key);
  if (cached) {
    PAGE_CACHE.delete(key);
    PAGE_CACHE.set(key, cached);
    return { ok: true as const, png: cached };
  }
  const made = await renderPdfPage(bytes, page);
  if (made.ok) {
    PAGE_CACHE.set(key, made.png);
    if (PAGE_CACHE.size > PAGE_CACHE_SIZE) PAGE_CACHE.delete(PAGE_CACHE.keys().next().value!);
  }
  return made;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function reportRoutes(app: Hono<AppEnv>): void {
  app.get('/reports', (c) => listPage(c));
  app.get('/reports/:id', (c) => detailPage(c));

  app.post('/reports/:id/decisions', async (c) => {
    const viewer = viewerWith(c, 'reviewer');
    if (!viewer) return refuse(c, 403, 'forbidden', '只有审核员可以确认或驳回问题');
    const id = positiveInt(c.req.param('id'));
    const form = await c.req.parseBody();
    const key = text(form.key);
    const choice = text(form.decision);
    const decision =
      choice === 'confirmed' || choice === 'dismissed'
        ? { decision: choice as 'confirmed' | 'dismissed', comment: text(form.comment).trim().slice(0, 2000) }
        : null;
    if (!id || !key || (!decision && choice !== 'clear'))
      return refuse(c, 400, 'bad_request', '请求内容有误');
    if (!(await decideFinding(c, viewer, id, key, decision)))
      return refuse(c, 404, 'not_found', '这份报告的当前版本没有这个问题');
    return c.redirect(`/reports/${id}#findings-h`, 303);
  });

  app.post('/reports/:id/recheck', async (c) => {
    const viewer = viewerWith(c, 'reviewer');
    if (!viewer) return refuse(c, 403, 'forbidden', '只有审核员可以重新检查');
    const id = positiveInt(c.req.param('id'));
    const done = id ? await recheckReport(c, viewer, id) : null;
    if (!done || (!done.ok && done.status === 404)) return refuse(c, 404, 'not_found', '找不到这份报告');
    if (!done.ok) return detailPage(c, { ok: false, text: done.message }, done.status);
    const read = done.newVersion ? '已用当前解析器重新读取，生成了新版本；' : '';
    return detailPage(c, {
      ok: true,
      text: `${read}已重新检查：检查前 ${done.before} 个问题，检查后 ${done.after} 个问题；审核意见按问题保留。`,
    });
  });

  app.get('/reports/:id/source', async (c) => {
    const version = await requestedVersion(c, viewerWith(c, 'viewer')!);
    if (!version) return refuse(c, 404, 'not_found', '找不到这份报告');
    const bytes = await c.get('deps').store.sourceBytes(version.source.sha256);
    if (!bytes) return refuse(c, 404, 'not_found', '数据库中缺少原始文件');
    // Always a download, never shown inline: the file is the report's own HTML, script and all.
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="report-${version.reportId}-${version.versionId}"; filename*=UTF-8''${encodeURIComponent(version.source.name)}`,
    });
  });

  app.get('/reports/:id/pages/:page', async (c) => {
    const version = await requestedVersion(c, viewerWith(c, 'viewer')!);
    const page = positiveInt(c.req.param('page'));
    if (!version || !page) return refuse(c, 404, 'not_found', '找不到这份报告');
    if (version.source.kind !== 'pdf') return refuse(c, 404, 'not_found', '这份报告的原文不是 PDF');
    const etag = `"${version.source.sha256.slice(0, 32)}-${page}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    const bytes = await c.get('deps').store.sourceBytes(version.source.sha256);
    if (!bytes) return refuse(c, 404, 'not_found', '数据库中缺少原始文件');
    const image = await pageImage(version.source.sha256, bytes, page);
    if (!image.ok) {
      if (image.reason === 'noSuchPage') return refuse(c, 404, 'not_found', '原文没有这一页');
      return refuse(c, 503, 'page_image', '无法生成这一页的图像（需要 poppler-utils 的 pdftoppm）');
    }
    return c.body(image.png as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'image/png',
      etag,
      'cache-control': 'private, max-age=86400',
    });
  });
}
