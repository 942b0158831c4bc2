/** 对比 page: a body's two years side by side, within the viewer's scope. */
import type { Hono } from 'hono';
import { compareBody } from '../api/compare.ts';
import type { AppEnv } from '../context.ts';
import { ComparePage } from '../pages/compare.tsx';
import { viewerWith } from './guard.ts';

const year = (v: string | undefined) => (v && /^\d{4}$/.test(v) ? Number(v) : undefined);

export function compareRoutes(app: Hono<AppEnv>): void {
  app.get('/compare', async (c) => {
    const viewer = viewerWith(c, 'viewer')!;
    const { store } = c.get('deps');
    const query = (c.req.query('q') ?? '').trim().slice(0, 100);
    const bodies = query ? await store.comparableBodies(query, viewer.range) : [];
    const bodyId = c.req.query('body');
    if (!bodyId) return c.html(<ComparePage viewer={viewer} query={query} bodies={bodies} />);
    const done = await compareBody(c, viewer, bodyId, year(c.req.query('from')), year(c.req.query('to')));
    if (done.ok)
      return c.html(
        <ComparePage viewer={viewer} query={query} bodies={bodies} comparison={done.comparison} />,
      );
    return c.html(
      <ComparePage
        viewer={viewer}
        query={query}
        bodies={bodies}
        body={done.body}
        years={done.years}
        problem={done.message}
      />,
      done.status,
    );
  });
}
