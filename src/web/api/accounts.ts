/** The session and user administration. */
import { z } from 'zod';
import { createUser } from '../auth/users.ts';
import { refuse } from '../errors.tsx';
import { route } from './route.ts';
import { roleSchema, userSchema } from './schemas.ts';

export const ACCOUNT_ROUTES = [
  route({
    method: 'get',
    path: '/api/session',
    summary: '当前登录用户与 CSRF 校验码',
    tag: '账号',
    role: 'viewer',
    response: z.object({ user: userSchema, csrfToken: z.string() }),
    handler: async (_c, { viewer }) => ({ user: viewer.user, csrfToken: viewer.csrfToken }),
  }),
  route({
    method: 'get',
    path: '/api/users',
    summary: '用户列表（管理员）',
    tag: '账号',
    role: 'admin',
    response: z.object({ users: z.array(userSchema) }),
    handler: async (c) => ({ users: await c.get('deps').store.listUsers() }),
  }),
  route({
    method: 'post',
    path: '/api/users',
    summary: '添加用户（管理员）',
    tag: '账号',
    role: 'admin',
    body: z.object({
      login: z.string(),
      displayName: z.string().default(''),
      password: z.string(),
      role: roleSchema,
      scopeBodyId: z.string().nullable().default(null),
    }),
    response: z.object({ user: userSchema }),
    handler: async (c, { body, viewer }) => {
      const { store } = c.get('deps');
      const made = await createUser(store, body);
      if ('problem' in made) return refuse(c, 400, 'bad_request', made.problem);
      await store.audit({
        userId: viewer.user.id,
        action: 'user.add',
        target: made.login,
        detail: { role: made.role, scopeBodyId: made.scopeBodyId },
      });
      return { user: made };
    },
  }),
];
