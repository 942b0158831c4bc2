/** Every page's routes (each file registers one section of the app). */
import type { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { adminRoutes } from './admin.tsx';
import { bodyRoutes } from './bodies.tsx';
import { exportRoutes } from './export.tsx';
import { overviewRoutes } from './overview.tsx';
import { compareRoutes } from './compare.tsx';
import { reportRoutes } from './reports.tsx';
import { uploadRoutes } from './upload.tsx';

export const PAGE_ROUTES: ReadonlyArray<(app: Hono<AppEnv>) => void> = [
  adminRoutes,
  uploadRoutes,
  reportRoutes,
  compareRoutes,
  bodyRoutes,
  overviewRoutes,
  exportRoutes,
];
