/** 上传 (reviewers and administrators): the page; the files themselves go to POST /api/uploads. */
import type { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { refuse } from '../errors.tsx';
import { UploadPage } from '../pages/upload.tsx';
import { UPLOAD_EXTENSIONS } from '../upload/service.ts';
import { viewerWith } from './guard.ts';

export function uploadRoutes(app: Hono<AppEnv>): void {
  app.get('/upload', async (c) => {
    const viewer = viewerWith(c, 'reviewer');
    if (!viewer) return refuse(c, 403, 'forbidden', '只有审核员和管理员可以上传报告');
    const { store, settings } = c.get('deps');
    // Unreadable files belong to no body: only a viewer who sees every body sees them all.
    const failures = viewer.range ? null : await store.recentUnreadable(20);
    return c.html(
      <UploadPage
        viewer={viewer}
        failures={failures}
        extensions={UPLOAD_EXTENSIONS}
        maxBytes={settings.maxUploadBytes}
      />,
    );
  });
}
