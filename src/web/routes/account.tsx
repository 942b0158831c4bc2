/** Sign in, sign out, and the first-run page that creates the first administrator. */
import type { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { verifyPassword } from '../auth/password.ts';
import { endSession, startSession } from '../auth/session.ts';
import { createUser } from '../auth/users.ts';
import type { AppContext, AppEnv } from '../context.ts';
import { LoginPage, SetupPage } from '../pages/account.tsx';

/** A local path to return to after signing in; anything else (another site, `//host`) goes home. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

function address(c: AppContext): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local'; // requests made in memory (tests) have no socket
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function accountRoutes(app: Hono<AppEnv>): void {
  app.get('/login', async (c) => {
    if (c.get('viewer')) return c.redirect(safeNext(c.req.query('next')));
    if ((await c.get('deps').store.countUsers()) === 0) return c.redirect('/setup');
    return c.html(<LoginPage next={safeNext(c.req.query('next'))} />);
  });

  app.post('/login', async (c) => {
    const { store, loginFailures } = c.get('deps');
    const form = await c.req.parseBody();
    const login = text(form.login).trim();
    const next = safeNext(form.next);
    const attempt = { login, address: address(c) };
    const wait = loginFailures.retryAfter(attempt);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      return c.html(
        <LoginPage next={next} login={login} error={`登录失败次数过多，请 ${minutes} 分钟后再试`} />,
        429,
      );
    }
    const found = await store.credentials(login);
    const ok =
      found !== null &&
      !found.user.disabled &&
      (await verifyPassword(text(form.password), found.passwordHash));
    if (!ok) {
      loginFailures.fail(attempt);
      await store.audit({
        userId: found?.user.id ?? null,
        action: 'login.failed',
        target: login,
        detail: { address: address(c) },
      });
      return c.html(<LoginPage next={next} login={login} error="用户名或密码不正确" />, 401);
    }
    loginFailures.succeed(attempt);
    await startSession(c, found.user);
    await store.audit({
      userId: found.user.id,
      action: 'login',
      target: null,
      detail: { address: address(c) },
    });
    return c.redirect(next, 303);
  });

  app.post('/logout', async (c) => {
    await endSession(c);
    return c.redirect('/login', 303);
  });

  app.get('/setup', async (c) => {
    if ((await c.get('deps').store.countUsers()) > 0) return c.redirect('/login');
    return c.html(<SetupPage />);
  });

  app.post('/setup', async (c) => {
    const { store } = c.get('deps');
    if ((await store.countUsers()) > 0) return c.redirect('/login', 303);
    const form = await c.req.parseBody();
    const login = text(form.login).trim();
    const displayName = text(form.displayName).trim();
    const made = await createUser(store, {
      login,
      displayName,
      password: text(form.password),
      role: 'admin',
      scopeBodyId: null,
    });
    if ('problem' in made)
      return c.html(<SetupPage error={made.problem} login={login} displayName={displayName} />, 400);
    await store.audit({
      userId: made.id,
      action: 'user.add',
      target: made.login,
      detail: { role: 'admin', via: 'setup' },
    });
    await startSession(c, made);
    return c.redirect('/', 303);
  });
}
