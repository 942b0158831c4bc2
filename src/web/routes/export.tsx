/** 导出: the form, and the download it submits to (the same stream as GET /api/export). */
import type { Hono } from 'hono';
import { z } from 'zod';
import { EXPORT_FORMATS, EXPORT_WHATS } from '../../render/export-kinds.ts';
import { regionNotFound, scopeOf, yearSchema } from '../api/bodies.ts';
import { downloadExport, exportQuery } from '../api/export.ts';
import type { AppEnv } from '../context.ts';
import { refuse } from '../errors.tsx';
import { ExportPage } from '../pages/export.tsx';
import { bodyCountsOf } from '../counts.ts';

/** The form's defaults from links (报告列表, 单位与覆盖, 总览): anything unusable is simply not preset. */
const formQuery = z.object({
  what: z.enum(EXPORT_WHATS).catch('records'),
  to: z.enum(EXPORT_FORMATS).catch('xlsx'),
  year: yearSchema.optional().catch(undefined),
  under: z.string().trim().min(1).max(100).optional().catch(undefined),
});

// An empty select ("全部年度", "全部范围") arrives as an empty parameter: it means "not given".
const given = (q: Record<string, string>) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== ''));

export function exportRoutes(app: Hono<AppEnv>): void {
  app.get('/export', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return refuse(c, 401, 'unauthenticated', '请先登录');
    const { store } = c.get('deps');
    const scope = await scopeOf(store, viewer);
    if (!scope) return regionNotFound(c);
    const q = formQuery.parse(given(c.req.query()));
    const [years, { counts: bodies }] = await Promise.all([
      store.yearsOnRecord(scope.range),
      bodyCountsOf(c.get('deps'), q.year ?? 0, scope.range),
    ]);
    const regions = bodies.filter((b) => b.level !== 'body' && b.id !== scope.root?.id);
    const under = q.under && regions.some((b) => b.id === q.under) ? q.under : undefined;
    return c.html(
      <ExportPage
        viewer={viewer}
        what={q.what}
        to={q.to}
        year={q.year}
        under={under}
        years={years}
        root={scope.root}
        regions={regions}
      />,
    );
  });

  app.get('/export/download', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return refuse(c, 401, 'unauthenticated', '请先登录');
    const q = exportQuery.safeParse(given(c.req.query()));
    if (!q.success) return refuse(c, 400, 'bad_request', '导出条件有误，请在导出页重新选择');
    return downloadExport(c, viewer, q.data);
  });
}
