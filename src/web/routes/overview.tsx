/** 总览: the charts for the viewer's scope, or for a region inside it (`?under=`). */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { Body } from '../../store/index.ts';
import { regionNotFound, scopeOf, yearSchema } from '../api/bodies.ts';
import { buildOverview } from '../api/overview.ts';
import type { AppEnv } from '../context.ts';
import { refuse } from '../errors.tsx';
import { OverviewPage } from '../pages/overview.tsx';

const pageQuery = z.object({
  year: yearSchema.optional().catch(undefined),
  under: z.string().trim().min(1).max(100).optional().catch(undefined),
});

export function overviewRoutes(app: Hono<AppEnv>): void {
  app.get('/overview', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return refuse(c, 401, 'unauthenticated', '请先登录');
    const { store } = c.get('deps');
    const query = pageQuery.parse(c.req.query());
    const scope = await scopeOf(store, viewer, query.under);
    if (!scope) return regionNotFound(c);
    const overview = await buildOverview(c.get('deps'), scope, query.year);
    // The way back up stops at the viewer's own scope: its ancestors are not theirs to open.
    const trail: Body[] = [];
    for (const id of scope.root?.path.split('/').filter(Boolean) ?? []) {
      if (await scopeOf(store, viewer, id)) trail.push((await store.body(id))!);
    }
    return c.html(<OverviewPage viewer={viewer} overview={overview} trail={trail} />);
  });
}
