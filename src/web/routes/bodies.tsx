/** 单位与覆盖: the tree, the search, the bodies without a report and the unmatched reports. */
import type { Hono } from 'hono';
import { z } from 'zod';
import { regionNotFound, scopeOf, yearSchema } from '../api/bodies.ts';
import { hasRole, type AppEnv } from '../context.ts';
import { refuse } from '../errors.tsx';
import { BodiesPage } from '../pages/bodies.tsx';
import { bodyCountsOf } from '../counts.ts';

const pageQuery = z.object({
  year: yearSchema.optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  at: z.string().trim().max(100).optional().catch(undefined),
});

export function bodyRoutes(app: Hono<AppEnv>): void {
  app.get('/bodies', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return refuse(c, 401, 'unauthenticated', '请先登录');
    const { store, answers } = c.get('deps');
    const scope = await scopeOf(store, viewer);
    if (!scope) return regionNotFound(c);
    const query = pageQuery.parse(c.req.query());
    const scopeKey = scope.range?.join('~') ?? '*';
    const recorded = await answers.get(`years ${scopeKey}`, () => store.yearsOnRecord(scope.range));
    const year = query.year ?? recorded[0] ?? new Date().getFullYear() - 1;
    const years = [...new Set([...recorded, year])].sort((a, b) => b - a);
    const [tree, coverage, results] = await Promise.all([
      bodyCountsOf(c.get('deps'), year, scope.range),
      answers.get(`coverage ${year} ${scopeKey}`, () => store.coverage({ year, range: scope.range })),
      query.q ? store.searchBodiesIn(query.q, scope.range, 50) : Promise.resolve(null),
    ]);
    // Unmatched reports belong to no body, so only someone who sees every body may see them.
    const unmatched =
      viewer.range === null && hasRole(viewer.user, 'reviewer') ? await store.unmatchedReports() : null;
    const focus = query.at && tree.byId.has(query.at) ? query.at : null;
    return c.html(
      <BodiesPage
        viewer={viewer}
        year={year}
        years={years}
        tree={tree}
        at={focus}
        q={query.q ?? ''}
        results={results}
        missing={coverage.missing}
        unmatched={unmatched}
      />,
    );
  });
}
