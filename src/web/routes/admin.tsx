/** 用户与日志 (administrators only). */
import type { Hono } from 'hono';
import type { Role } from '../../store/index.ts';
import { createUser } from '../auth/users.ts';
import { ROLES, type AppContext, type AppEnv } from '../context.ts';
import { refuse } from '../errors.tsx';
import { AdminPage } from '../pages/admin.tsx';
import { viewerWith } from './guard.ts';

async function page(c: AppContext, status: 200 | 400 = 200, message?: { ok: boolean; text: string }) {
  const viewer = viewerWith(c, 'admin');
  if (!viewer) return refuse(c, 403, 'forbidden', '只有管理员可以管理用户');
  const { store } = c.get('deps');
  const [users, audit] = await Promise.all([store.listUsers(), store.auditLog({ limit: 100 })]);
  return c.html(<AdminPage viewer={viewer} users={users} audit={audit} message={message} />, status);
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function adminRoutes(app: Hono<AppEnv>): void {
  app.get('/admin', (c) => page(c));
  app.post('/admin/users', async (c) => {
    const viewer = viewerWith(c, 'admin');
    if (!viewer) return refuse(c, 403, 'forbidden', '只有管理员可以管理用户');
    const form = await c.req.parseBody();
    const role = text(form.role) as Role;
    if (!ROLES.includes(role)) return page(c, 400, { ok: false, text: '角色无效' });
    const { store } = c.get('deps');
    const made = await createUser(store, {
      login: text(form.login),
      displayName: text(form.displayName),
      password: typeof form.password === 'string' ? form.password : '',
      role,
      scopeBodyId: text(form.scopeBodyId) || null,
    });
    if ('problem' in made) return page(c, 400, { ok: false, text: made.problem });
    await store.audit({
      userId: viewer.user.id,
      action: 'user.add',
      target: made.login,
      detail: { role: made.role, scopeBodyId: made.scopeBodyId },
    });
    return page(c, 200, { ok: true, text: `已添加用户 ${made.login}` });
  });
}
