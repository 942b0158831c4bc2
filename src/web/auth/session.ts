/**
 * Sessions: an opaque random token in an HttpOnly, SameSite=Lax cookie (Secure wherever the browser
 * accepts it), stored as its sha256 with an expiry and the session's CSRF token.
 */
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { User } from '../../store/index.ts';
import { NOTHING, type AppContext, type AppEnv, type Viewer } from '../context.ts';
import { hashToken, newToken } from './tokens.ts';

export const SESSION_COOKIE = 'xxgk_session';

function secure(c: AppContext): boolean {
  const setting = c.get('deps').settings.cookieSecure;
  if (setting !== 'auto') return setting;
  const url = new URL(c.req.url);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export async function startSession(c: AppContext, user: User): Promise<void> {
  const { store, settings } = c.get('deps');
  const token = newToken();
  const now = new Date();
  const expires = new Date(now.getTime() + settings.sessionHours * 3600_000);
  await store.createSession({
    tokenHash: hashToken(token),
    userId: user.id,
    csrfToken: newToken(),
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c),
    path: '/',
    expires,
  });
}

export async function endSession(c: AppContext): Promise<void> {
  const viewer = c.get('viewer');
  if (viewer) await c.get('deps').store.deleteSession(viewer.tokenHash);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
}

/** Sets `viewer` from the session cookie (null when absent, expired or the user disabled). */
export const loadViewer: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('viewer', null);
  const token = getCookie(c, SESSION_COOKIE);
  if (token && token.length < 200) {
    const { store } = c.get('deps');
    const tokenHash = hashToken(token);
    const session = await store.session(tokenHash, new Date().toISOString());
    if (session) {
      const viewer: Viewer = { user: session.user, csrfToken: session.csrfToken, tokenHash, range: null };
      if (session.user.scopeBodyId !== null)
        viewer.range = (await store.subtree(session.user.scopeBodyId)) ?? NOTHING;
      c.set('viewer', viewer);
    }
  }
  await next();
};
