/**
 * CSRF protection for every request that changes something (POST, PUT, PATCH, DELETE):
 * 1. the Origin (or Referer) must be this server when the browser sends one;
 * 2. with a session, the session's CSRF token must come back in the `x-csrf-token` header (scripts) or the
 *    `_csrf` form field (plain forms). Login and first-run setup have no session yet and rely on 1 plus
 *    SameSite cookies.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppContext, AppEnv } from '../context.ts';
import { sameToken } from './tokens.ts';
import { refuse } from '../errors.tsx';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameOrigin(c: AppContext): boolean {
  const claimed = c.req.header('origin') ?? c.req.header('referer');
  if (!claimed || claimed === 'null') return claimed !== 'null';
  try {
    return new URL(claimed).host === new URL(c.req.url).host;
  } catch {
    return false;
  }
}

async function tokenSent(c: AppContext): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const form = await c.req.parseBody();
    return typeof form._csrf === 'string' ? form._csrf : undefined;
  }
  return undefined;
}

export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  if (!sameOrigin(c)) return refuse(c, 403, 'csrf', '请求来源与本站不符，已拒绝（跨站请求）');
  const viewer = c.get('viewer');
  if (viewer) {
    const sent = await tokenSent(c);
    if (!sent || !sameToken(sent, viewer.csrfToken))
      return refuse(c, 403, 'csrf', '页面已过期或请求缺少校验码，请刷新页面后重试');
  }
  return next();
};
