/**
 * Users, login sessions and the audit log of the web app. Passwords arrive hashed (src/web/auth) and
 * session tokens as their sha256: the store never sees a secret it could leak.
 */
import type { Kysely } from 'kysely';
import type { Database, Role } from './schema.ts';

export interface User {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  scopeBodyId: string | null;
  disabled: boolean;
  createdAt: string;
}

export interface NewUser {
  login: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  scopeBodyId: string | null;
}

export interface SessionRow {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  login: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
}

const USER_COLUMNS = [
  'u.id',
  'u.login',
  'u.display_name',
  'u.role',
  'u.scope_body_id',
  'u.disabled',
  'u.created_at',
] as const;

type UserRow = {
  id: number;
  login: string;
  display_name: string;
  role: Role;
  scope_body_id: string | null;
  disabled: number;
  created_at: string;
};

function asUser(r: UserRow): User {
  return {
    id: Number(r.id),
    login: r.login,
    displayName: r.display_name,
    role: r.role,
    scopeBodyId: r.scope_body_id,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
  };
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Adds a user; null when the login is taken. */
export async function addUser(db: Kysely<Database>, user: NewUser, now: string): Promise<User | null> {
  const taken = await db.selectFrom('users').select('id').where('login', '=', user.login).executeTakeFirst();
  if (taken) return null;
  const row = await db
    .insertInto('users')
    .values({
      login: user.login,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      role: user.role,
      scope_body_id: user.scopeBodyId,
      disabled: 0,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await userById(db, Number(row.id)))!;
}

export async function userById(db: Kysely<Database>, id: number): Promise<User | null> {
  const r = await db.selectFrom('users as u').select(USER_COLUMNS).where('u.id', '=', id).executeTakeFirst();
  return r ? asUser(r) : null;
}

/** The user and the stored password hash, for checking a login. */
export async function credentials(
  db: Kysely<Database>,
  login: string,
): Promise<{ user: User; passwordHash: string } | null> {
  const r = await db
    .selectFrom('users as u')
    .select([...USER_COLUMNS, 'u.password_hash'])
    .where('u.login', '=', login)
    .executeTakeFirst();
  return r ? { user: asUser(r), passwordHash: r.password_hash } : null;
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users as u').select(USER_COLUMNS).orderBy('u.id').execute();
  return rows.map(asUser);
}

export async function setPassword(db: Kysely<Database>, userId: number, passwordHash: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    // A new password ends every session opened with the old one.
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  });
}

export async function createSession(
  db: Kysely<Database>,
  session: { tokenHash: string; userId: number; csrfToken: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The live session of a token hash with its user; expired sessions and disabled users give null. */
export async function sessionOf(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<SessionRow | null> {
  const r = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([...USER_COLUMNS, 's.csrf_token', 's.expires_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('u.disabled', '=', 0)
    .executeTakeFirst();
  return r ? { user: asUser(r), csrfToken: r.csrf_token, expiresAt: r.expires_at } : null;
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function audit(
  db: Kysely<Database>,
  entry: { at: string; userId: number | null; action: string; target: string | null; detail: object },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      user_id: entry.userId,
      action: entry.action,
      target: entry.target,
      detail: JSON.stringify(entry.detail),
    })
    .execute();
}

/** The newest entries first. */
export async function auditLog(
  db: Kysely<Database>,
  page: { beforeId?: number; limit?: number } = {},
): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.at', 'a.user_id', 'u.login', 'a.action', 'a.target', 'a.detail'])
    .$if(page.beforeId !== undefined, (qb) => qb.where('a.id', '<', page.beforeId!))
    .orderBy('a.id', 'desc')
    .limit(page.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    userId: r.user_id === null ? null : Number(r.user_id),
    login: r.login,
    action: r.action,
    target: r.target,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
