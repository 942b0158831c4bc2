/**
 * How a refusal or failure reaches the user: JSON `{error: {code, message}}` under /api, an error page
 * elsewhere. Messages are Chinese; a stack trace never leaves the server.
 */
import type { AppContext } from './context.ts';
import { ErrorPage } from './pages/layout.tsx';

export function isApi(c: AppContext): boolean {
  return c.req.path.startsWith('/api/');
}

export function refuse(
  c: AppContext,
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503,
  code: string,
  message: string,
) {
  if (isApi(c)) return c.json({ error: { code, message } }, status);
  return c.html(<ErrorPage status={status} message={message} viewer={c.get('viewer') ?? null} />, status);
}
