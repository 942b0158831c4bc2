/** Every JSON API route, in the order the OpenAPI document lists them. */
import { ACCOUNT_ROUTES } from './accounts.ts';
import { BODY_ROUTES } from './bodies.ts';
import { EXPORT_ROUTES } from './export.ts';
import { OVERVIEW_ROUTES } from './overview.ts';
import { COMPARE_ROUTES } from './compare.ts';
import { REPORT_ROUTES } from './reports.ts';
import type { ApiRoute } from './route.ts';
import { UPLOAD_ROUTES } from './uploads.ts';

export const API_ROUTES: readonly ApiRoute[] = [
  ...ACCOUNT_ROUTES,
  ...UPLOAD_ROUTES,
  ...REPORT_ROUTES,
  ...COMPARE_ROUTES,
  ...BODY_ROUTES,
  ...OVERVIEW_ROUTES,
  ...EXPORT_ROUTES,
];
