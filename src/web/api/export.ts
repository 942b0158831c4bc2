/**
 * 导出 as a download: the corpus exports of `xxgk export` (src/render/corpus-export.ts), streamed to the
 * browser as XLSX, CSV (with BOM) or JSON Lines, cut to the viewer's scope like every other read.
 */
import { PassThrough, Readable } from 'node:stream';
import { z } from 'zod';
import { exportTable, exportText } from '../../render/corpus-export.ts';
import { EXPORT_FORMATS, EXPORT_LABEL, EXPORT_WHATS, needsYear } from '../../render/export-kinds.ts';
import { writeXlsx } from '../../render/xlsx.ts';
import type { AppContext, Viewer } from '../context.ts';
import { refuse } from '../errors.tsx';
import { regionNotFound, scopeOf, underQuery } from './bodies.ts';
import { route } from './route.ts';

export const exportQuery = underQuery.extend({
  what: z
    .enum(EXPORT_WHATS)
    .default('records')
    .describe('records 报告数据；findings 问题；coverage 未报告单位'),
  to: z.enum(EXPORT_FORMATS).default('xlsx').describe('文件格式'),
});
export type ExportQuery = z.infer<typeof exportQuery>;

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
} as const;

/** The file's name: 「松北区人民政府-2023年度-报告.xlsx」. */
function fileName(scopeName: string, q: ExportQuery): string {
  return `${scopeName}-${q.year === undefined ? '全部年度' : `${q.year}年度`}-${EXPORT_LABEL[q.what]}.${q.to}`;
}

/**
 * Streams an export. Rows are read page by page while the response is written, so a large corpus never
 * sits in memory; a failure half-way ends the download with an error rather than a truncated file that looks whole.
 */
export async function downloadExport(c: AppContext, viewer: Viewer, q: ExportQuery): Promise<Response> {
  const { store } = c.get('deps');
  const scope = await scopeOf(store, viewer, q.under);
  if (!scope) return regionNotFound(c);
  if (needsYear(q.what, q.year)) return refuse(c, 400, 'bad_request', '导出未报告单位需要选择年度');
  const filter = { year: q.year, range: scope.range };
  let body: Readable;
  if (q.to === 'xlsx') {
    const out = new PassThrough();
    const table = await exportTable(store, q.what, filter);
    writeXlsx(out, EXPORT_LABEL[q.what], table).catch((e: unknown) => out.destroy(e as Error));
    body = out;
  } else {
    const text = exportText(store, q.what, q.to, filter);
    body = Readable.from(
      (async function* () {
        for await (const chunk of text) yield Buffer.from(chunk, 'utf8');
      })(),
    );
  }
  await store.audit({
    userId: viewer.user.id,
    action: 'export',
    target: q.under ?? viewer.user.scopeBodyId,
    detail: { what: q.what, to: q.to, year: q.year ?? null },
  });
  const name = fileName(scope.root?.name ?? '全部', q);
  return new Response(Readable.toWeb(body) as ReadableStream, {
    headers: {
      'content-type': TYPES[q.to],
      'content-disposition': `attachment; filename="export.${q.to}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
    },
  });
}

export const EXPORT_ROUTES = [
  route({
    method: 'get',
    path: '/api/export',
    summary: '导出报告数据、问题或未报告单位（XLSX、CSV 或 JSON Lines 文件）',
    tag: '导出',
    role: 'viewer',
    query: exportQuery,
    response: z.string().describe('文件'),
    handler: async (c, { query, viewer }) => downloadExport(c, viewer, query),
  }),
];
