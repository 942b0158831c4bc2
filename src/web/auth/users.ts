/**
 * Creating users, shared by the first-run page, the admin page, the API and `xxgk users add`: one place
 * that validates the login, the password and the scope before anything is stored.
 */
import type { Role, Store, User } from '../../store/index.ts';
import { hashPassword, passwordProblem } from './password.ts';

export const LOGIN_PATTERN = /^[A-Za-z0-9_.-]{2,40}$/;

export interface UserRequest {
  login: string;
  displayName: string;
  password: string;
  role: Role;
  scopeBodyId: string | null;
}

/** The new user, or a Chinese message saying why not. */
export async function createUser(store: Store, req: UserRequest): Promise<User | { problem: string }> {
  if (!LOGIN_PATTERN.test(req.login))
    return { problem: '用户名只能由 2–40 位字母、数字、点、下划线或连字符组成' };
  const displayName = req.displayName.trim() || req.login;
  if (displayName.length > 60) return { problem: '显示名称过长（最多 60 字）' };
  const weak = passwordProblem(req.password);
  if (weak) return { problem: weak };
  if (req.scopeBodyId !== null && !(await store.body(req.scopeBodyId)))
    return { problem: `单位名录中没有编码 ${req.scopeBodyId}，无法设为数据范围` };
  const user = await store.addUser({
    login: req.login,
    displayName,
    passwordHash: await hashPassword(req.password),
    role: req.role,
    scopeBodyId: req.scopeBodyId,
  });
  return user ?? { problem: `用户名 ${req.login} 已被使用` };
}
